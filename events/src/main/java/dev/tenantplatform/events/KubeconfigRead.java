package dev.tenantplatform.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Someone read a tenant's kubeconfig through the API: who, when, with which scope — never the kubeconfig.
 * Written to {@code tenant.requests} (type {@value #CE_TYPE}, keyed by tenant) before the kubeconfig is handed
 * out, so that no read goes unrecorded; the provisioner passes these records over, the audit shows them.
 *
 * @param id the record's id (the CloudEvent id), unique per read
 * @param tenant whose kubeconfig was read
 * @param readBy the token's subject
 * @param scope {@code admin} or {@code tenant}
 * @param time when it was read, to the millisecond
 */
public record KubeconfigRead(String id, String tenant, String readBy, String scope, Instant time)
    implements RequestRecord {

  /** The CloudEvent type of the record. */
  public static final String CE_TYPE = "dev.tenantplatform.tenant.kubeconfig.read.v1";

  public KubeconfigRead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(readBy, "readBy");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(time, "time");
    if (!RequestValidator.isTenantName(tenant)) {
      throw new IllegalArgumentException("'" + tenant + "' cannot name a tenant: no kubeconfig read of it is"
          + " recorded");
    }
    time = time.truncatedTo(ChronoUnit.MILLIS);
  }
}
