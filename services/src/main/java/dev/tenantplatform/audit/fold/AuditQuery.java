package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.RequestValidator;
import java.time.Instant;
import java.util.Objects;

/**
 * What a replay is asked: which topics, which stretch of the log, which tenant, whether to verify the chains,
 * and whether to show histories or each tenant as it stood at one instant.
 *
 * @param topics the topics to read
 * @param window the stretch of the log; for a point in time, from the start of the log to that instant
 * @param tenant only this tenant, or null for every tenant
 * @param verify whether to check every chain (sequence and hashes) and name the first bad record
 * @param at the instant of a point-in-time view, or null for histories
 */
public record AuditQuery(AuditTopics topics, Window window, String tenant, boolean verify, Instant at) {

  public AuditQuery {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(window, "window");
    if (tenant != null && !RequestValidator.isTenantName(tenant)) {
      throw new IllegalArgumentException("'" + tenant + "' cannot name a tenant: a tenant name is a DNS-1123"
          + " label (lower-case letters, digits and '-') of at most 40 characters");
    }
    if (at != null && !window.equals(new Window(null, at))) {
      throw new IllegalArgumentException("a point in time is folded from the start of the log to that instant:"
          + " give --at alone, without --from or --to");
    }
  }

  /** Histories of what happened in {@code window}. */
  public static AuditQuery history(AuditTopics topics, Window window, String tenant, boolean verify) {
    return new AuditQuery(topics, window, tenant, verify, null);
  }

  /** Each tenant as it stood at {@code at}, folded from the start of the log. */
  public static AuditQuery pointInTime(AuditTopics topics, Instant at, String tenant, boolean verify) {
    return new AuditQuery(topics, new Window(null, Objects.requireNonNull(at, "at")), tenant, verify, at);
  }

  public boolean isPointInTime() {
    return at != null;
  }

  /** Whether records of {@code name} belong in this replay. */
  public boolean covers(String name) {
    return tenant == null || tenant.equals(name);
  }
}
