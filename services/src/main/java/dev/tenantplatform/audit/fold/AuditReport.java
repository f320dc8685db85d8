package dev.tenantplatform.audit.fold;

import java.util.List;
import java.util.Objects;

/**
 * What a replay found: a pure value of the records folded, so that the same records give the same report and
 * the same bytes in every {@link ReportFormat}.
 *
 * @param query what was asked
 * @param tenants every tenant the records name, sorted by name
 * @param unattributed records that name no tenant that can exist (a dead letter of a request without a valid
 *     tenant name); left out when the query names a tenant
 * @param verification the chain check, or {@link Verification#NOT_PERFORMED}
 * @param totals how many records of each kind the report holds
 */
public record AuditReport(AuditQuery query, List<TenantHistory> tenants, List<HistoryEntry> unattributed,
    Verification verification, Totals totals) {

  public AuditReport {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(totals, "totals");
    tenants = List.copyOf(tenants);
    unattributed = List.copyOf(unattributed);
  }

  /**
   * How many records of each kind a report holds (those inside its window and of its tenant).
   *
   * @param unreadable records of the requests or events topic that could not be read
   */
  public record Totals(long requests, long events, long deadLetters, long unreadable) {

    public long records() {
      return requests + events + deadLetters + unreadable;
    }
  }
}
