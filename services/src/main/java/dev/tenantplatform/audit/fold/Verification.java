package dev.tenantplatform.audit.fold;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code --verify}: every tenant's chain checked for sequence (no gap, no duplicate) and hashes
 * (no changed byte, no reordering, no fork), and every record of the events topic for being an event at all.
 *
 * @param performed whether a verification was asked for; when not, nothing else here means anything
 * @param eventsChecked how many events were checked
 * @param chains each checked tenant's chain, by tenant
 * @param findings what is wrong, at most one per tenant plus every unreadable record, first in log time first
 */
public record Verification(boolean performed, long eventsChecked, Map<String, TenantChain> chains,
    List<Finding> findings) {

  public static final Verification NOT_PERFORMED = new Verification(false, 0, Map.of(), List.of());

  public Verification {
    chains = Map.copyOf(chains);
    findings = findings.stream().sorted(Finding.ORDER).toList();
  }

  /** Whether every chain checked is whole. */
  public boolean intact() {
    return findings.isEmpty();
  }

  /** The first bad record, in log time. */
  public Optional<Finding> first() {
    return findings.stream().findFirst();
  }

  /** How many tenants have a broken chain. */
  public long brokenTenants() {
    return chains.values().stream().filter(c -> !c.intact()).count();
  }
}
