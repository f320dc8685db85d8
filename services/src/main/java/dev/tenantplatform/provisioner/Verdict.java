package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import java.time.Instant;
import java.util.List;

/** What the provisioner does with one record of {@code tenant.requests}. */
sealed interface Verdict {

  /**
   * The record goes to the dead-letter topic with the reason; when a tenant name can be read, the tenant
   * also gets a {@code tenant.rejected} event.
   *
   * @param tenant null when none could be read
   * @param requestId null when none could be read
   */
  record DeadLetter(DeadLetterReason code, String reason, String tenant, String requestId,
      List<Violation> violations) implements Verdict {

    /** A rejected event needs a tenant whose chain it can join. */
    boolean tellsTenant() {
      return tenant != null && RequestValidator.isTenantName(tenant);
    }
  }

  /**
   * The request was handled before (a redelivery): when it was accepted, finish what it started (apply is
   * idempotent, events are recorded once); when it was rejected, there is nothing left to do.
   */
  record Redelivered(TenantRequest request, EventType outcome, Instant requestedAt) implements Verdict {
  }

  /** Build the tenant's cluster with {@code spec}, all defaults resolved. */
  record Create(TenantRequest request, ClusterSpec spec, Instant requestedAt) implements Verdict {
  }

  /** Change the cluster from {@code previous} to {@code spec}. */
  record Update(TenantRequest request, ClusterSpec spec, ClusterSpec previous, Instant requestedAt)
      implements Verdict {
  }

  /** Offboard the tenant whose cluster was {@code previous}. */
  record Delete(TenantRequest request, ClusterSpec previous, Instant requestedAt) implements Verdict {
  }
}
