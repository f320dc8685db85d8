package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.ChainBreak;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ChainVerifier;
import dev.tenantplatform.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the events of a replay with the contract's {@link ChainVerifier} and pins each break to the record
 * that shows it. The verifier counts positions in the order it is fed; a break is shown either by the record
 * just fed or, for a gap, by the tenant's previous record (the one that skipped ahead), so remembering each
 * tenant's last record is enough to name any break by topic, partition and offset.
 *
 * <p>A window that starts late cuts every chain: each tenant's chain is then checked from its first event in
 * the window on, trusting that event's link to the one before (the window cannot vouch for what precedes it).
 */
final class ChainCheck {

  private final boolean anchorAtFirst;
  /**
   * Hashes kept per tenant to tell a fork from a duplicate: fewer than the verifier's default, since a replay
   * holds every tenant of the log at once. A sequence repeated from further back is still found, as a duplicate
   * that could not be compared.
   */
  static final int WINDOW = 128;

  private final ChainVerifier verifier = new ChainVerifier(WINDOW);
  private final Map<String, Seen> seen = new HashMap<>();
  private final List<Finding> unreadable = new ArrayList<>();

  ChainCheck(boolean anchorAtFirst) {
    this.anchorAtFirst = anchorAtFirst;
  }

  /** The next event of the log; {@code alteration} is what {@link ChainVerifier#alteration} said of it. */
  void accept(TenantEvent event, String alteration, RecordRef ref, Instant recordTime) {
    Seen tenant = seen.get(event.tenant());
    if (tenant == null) {
      tenant = new Seen(anchorAtFirst ? event.sequence() : 1);
      seen.put(event.tenant(), tenant);
      if (anchorAtFirst && event.sequence() > 1) {
        verifier.resume(new ChainHead(event.tenant(), event.sequence() - 1, event.previousHash()));
      }
    }
    long position = verifier.count();
    Located here = new Located(position, ref, recordTime);
    Optional<ChainBreak> found = verifier.accept(event, alteration);
    if (found.isPresent()) {
      tenant.finding = finding(found.get(), found.get().position() == position ? here : tenant.lastRecord);
    }
    tenant.events++;
    tenant.last = Math.max(tenant.last, event.sequence());
    tenant.lastRecord = here;
  }

  void unreadable(RecordRef ref, Instant recordTime, String tenant, String reason) {
    unreadable.add(new Finding(Finding.Kind.UNREADABLE, tenant, 0, ref, recordTime, "the record is no lifecycle"
        + " event" + (tenant == null ? "" : " of " + tenant) + ": " + reason));
  }

  Verification finish() {
    for (ChainBreak late : verifier.finish()) {
      Seen tenant = seen.get(late.tenant());
      if (tenant.finding == null) {
        // Only a gap is reported at the end, and only by the tenant's last record, which skipped ahead.
        tenant.finding = finding(late, tenant.lastRecord);
      }
    }
    Map<String, TenantChain> chains = new HashMap<>();
    List<Finding> findings = new ArrayList<>(unreadable);
    seen.forEach((name, tenant) -> {
      chains.put(name, new TenantChain(name, tenant.events, tenant.first, tenant.last, tenant.finding));
      if (tenant.finding != null) {
        findings.add(tenant.finding);
      }
    });
    return new Verification(true, verifier.count(), chains, findings);
  }

  /**
   * The verification of the shares of one log, each {@link #finish() finished}: every unreadable record, and per
   * tenant its chain; a tenant checked in two shares (its events spread over partitions) keeps its first
   * finding.
   */
  static Verification merge(List<Verification> shares) {
    if (shares.size() == 1) {
      return shares.get(0);
    }
    Map<String, TenantChain> chains = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    long checked = 0;
    for (Verification share : shares) {
      checked += share.eventsChecked();
      share.findings().stream().filter(f -> f.kind() == Finding.Kind.UNREADABLE).forEach(findings::add);
      share.chains().forEach((tenant, chain) -> chains.merge(tenant, chain, ChainCheck::both));
    }
    chains.values().stream().map(TenantChain::finding).filter(Objects::nonNull).forEach(findings::add);
    return new Verification(true, checked, chains, findings);
  }

  private static TenantChain both(TenantChain a, TenantChain b) {
    Finding first = a.finding() == null ? b.finding() : b.finding() == null ? a.finding()
        : Finding.ORDER.compare(a.finding(), b.finding()) <= 0 ? a.finding() : b.finding();
    return new TenantChain(a.tenant(), a.events() + b.events(), Math.min(a.first(), b.first()),
        Math.max(a.last(), b.last()), first);
  }

  private static Finding finding(ChainBreak found, Located at) {
    return new Finding(Finding.Kind.of(found.kind()), found.tenant(), found.sequence(), at.ref(), at.time(),
        found.message());
  }

  private record Located(long position, RecordRef ref, Instant time) {
  }

  /** What was seen of one tenant's chain so far. */
  private static final class Seen {
    private final long first;
    private long events;
    private long last;
    private Located lastRecord;
    private Finding finding;

    Seen(long first) {
      this.first = first;
    }
  }
}
