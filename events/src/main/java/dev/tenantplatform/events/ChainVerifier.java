package dev.tenantplatform.events;

import dev.tenantplatform.events.ChainBreak.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a log of lifecycle events one record at a time, for replays too large to hold in memory. Events of
 * many tenants may come mixed, in log order; each tenant's chain is checked on its own, and each tenant's first
 * break is reported (what follows a break cannot be judged). Call {@link #finish()} at the end of the log: a
 * gap is only certain once the log has ended, because the missing event may still turn up out of order.
 *
 * <p>Memory per tenant is its head and the hashes of its last {@code window} events, which is what tells a
 * duplicate from a fork; an event repeated from further back is reported as a duplicate that could not be
 * compared.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class ChainVerifier {

  /** How many recent hashes per tenant are kept by default. */
  public static final int DEFAULT_WINDOW = 1024;

  private final int window;
  private final Map<String, TenantChain> chains = new HashMap<>();
  private final List<ChainBreak> breaks = new ArrayList<>();
  private long position;

  public ChainVerifier() {
    this(DEFAULT_WINDOW);
  }

  public ChainVerifier(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window " + window + " must be at least 1");
    }
    this.window = window;
  }

  /**
   * Continues {@code head}'s tenant from a trusted head (a checkpoint of an earlier verification) instead of
   * from the genesis. Call it before the tenant's first event.
   */
  public void resume(ChainHead head) {
    TenantChain chain = new TenantChain(window);
    chain.advance(head.sequence(), head.hash());
    chains.put(head.tenant(), chain);
  }

  /** Checks the next record of the log; returns the break it shows, if it shows one. */
  public Optional<ChainBreak> accept(TenantEvent event) {
    return accept(event, alteration(event));
  }

  /**
   * {@link #accept(TenantEvent)} with the event's own check already made: {@code alteration} is what
   * {@link #alteration(TenantEvent)} said of it. A replay makes that check, the costly part, on every core
   * ahead of the chain's walk, which is in log order on one thread.
   */
  public Optional<ChainBreak> accept(TenantEvent event, String alteration) {
    long at = position++;
    TenantChain chain = chains.computeIfAbsent(event.tenant(), t -> new TenantChain(window));
    if (chain.broken) {
      return Optional.empty();
    }
    Optional<ChainBreak> found = judge(chain, event, alteration, at);
    found.ifPresent(b -> {
      chain.broken = true;
      breaks.add(b);
    });
    return found;
  }

  /** Ends the log: reports what is still missing, then every tenant's first break, ordered by position. */
  public List<ChainBreak> finish() {
    chains.forEach((tenant, chain) -> {
      if (!chain.broken && chain.held != null) {
        chain.broken = true;
        breaks.add(gap(chain, chain.held, chain.heldAt));
      }
    });
    return breaks();
  }

  /** The breaks found so far, ordered by the position of the record that shows them. */
  public List<ChainBreak> breaks() {
    return breaks.stream().sorted(Comparator.comparingLong(ChainBreak::position)).toList();
  }

  /** How many records were checked. */
  public long count() {
    return position;
  }

  /** Each tenant's last verified head: checkpoints to {@link #resume(ChainHead)} from. */
  public Map<String, ChainHead> heads() {
    Map<String, ChainHead> heads = new LinkedHashMap<>();
    chains.forEach((tenant, chain) -> heads.put(tenant, new ChainHead(tenant, chain.sequence, chain.hash)));
    return heads;
  }

  private Optional<ChainBreak> judge(TenantChain chain, TenantEvent event, String alteration, long at) {
    if (alteration != null) {
      return Optional.of(new ChainBreak(Kind.CHANGED, event.tenant(), event.sequence(), at, alteration));
    }
    long seq = event.sequence();
    if (chain.held != null) {
      // An earlier record skipped ahead: this one decides whether the missing event was late or lost.
      return Optional.of(seq == chain.sequence + 1
          ? new ChainBreak(Kind.REORDERED, event.tenant(), seq, at, "event " + seq + " of " + event.tenant()
              + " comes after event " + chain.held.sequence() + ": the log is out of order")
          : gap(chain, chain.held, chain.heldAt));
    }
    if (seq == chain.sequence + 1) {
      if (!event.previousHash().equals(chain.hash)) {
        return Optional.of(new ChainBreak(Kind.BROKEN_LINK, event.tenant(), seq, at, "event " + seq + " of "
            + event.tenant() + " links to previousHash " + event.previousHash() + ", but "
            + (seq == 1 ? "a first event links to the genesis " + HashChain.GENESIS
                : "event " + chain.sequence + " has hash " + chain.hash)
            + ": an earlier event was altered and rehashed, or this one belongs to another chain"));
      }
      chain.advance(seq, event.hash());
      return Optional.empty();
    }
    if (seq > chain.sequence + 1) {
      chain.held = event;
      chain.heldAt = at;
      return Optional.empty();
    }
    return Optional.of(repeated(chain, event, at));
  }

  /**
   * What is wrong with {@code event} on its own — never sealed, a hash its content does not give, an id its
   * tenant and sequence do not give — or {@code null} when nothing is. Pure: it needs no other event.
   */
  public static String alteration(TenantEvent event) {
    return alteration(event, null);
  }

  /**
   * {@link #alteration(TenantEvent)}, with the data's canonical text ({@link TenantEvent#dataJson()}) that the
   * check writes on its way: a replay shows that text too, and writing it once is cheaper than twice.
   */
  public static Check check(TenantEvent event) {
    String dataJson = event.dataJson();
    return new Check(dataJson, alteration(event, dataJson));
  }

  /**
   * What {@link #check} found.
   *
   * @param dataJson the event's {@link TenantEvent#dataJson()}
   * @param alteration what {@link #alteration(TenantEvent)} says, or null when the event is whole
   */
  public record Check(String dataJson, String alteration) {
  }

  private static String alteration(TenantEvent event, String dataJson) {
    if (!event.isSealed()) {
      return "a " + event.type() + " event of " + event.tenant() + " has no sequence and no hash: it was never"
          + " sealed into the chain";
    }
    String expected = dataJson == null ? HashChain.hash(event) : HashChain.hash(event, dataJson);
    if (!expected.equals(event.hash())) {
      return "event " + event.sequence() + " (" + event.type() + ") of " + event.tenant() + " has hash "
          + event.hash() + " but its content hashes to " + expected + ": it was altered after it was written";
    }
    String expectedId = TenantEvent.idFor(event.tenant(), event.sequence());
    if (!expectedId.equals(event.id())) {
      return "event " + event.sequence() + " of " + event.tenant() + " has id " + event.id() + " but its tenant"
          + " and sequence give " + expectedId + ": its id was altered";
    }
    return null;
  }

  private static ChainBreak gap(TenantChain chain, TenantEvent held, long heldAt) {
    long missing = chain.sequence + 1;
    String which = held.sequence() - 1 == missing ? "event " + missing + " is"
        : "events " + missing + " to " + (held.sequence() - 1) + " are";
    String after = chain.sequence == 0 ? "the log starts at event " + held.sequence()
        : "event " + chain.sequence + " is followed by event " + held.sequence();
    return new ChainBreak(Kind.GAP, held.tenant(), missing, heldAt, which + " missing from the log of "
        + held.tenant() + ": " + after);
  }

  private static ChainBreak repeated(TenantChain chain, TenantEvent event, long at) {
    long seq = event.sequence();
    String seen = chain.hashAt(seq);
    if (seen == null) {
      return new ChainBreak(Kind.DUPLICATE, event.tenant(), seq, at, "event " + seq + " of " + event.tenant()
          + " appears again after event " + chain.sequence + " (too far back to compare with the first copy)");
    }
    if (seen.equals(event.hash())) {
      return new ChainBreak(Kind.DUPLICATE, event.tenant(), seq, at, "event " + seq + " (" + event.type()
          + ") of " + event.tenant() + " appears twice");
    }
    return new ChainBreak(Kind.FORK, event.tenant(), seq, at, "two different events " + seq + " of "
        + event.tenant() + " (hashes " + seen + " and " + event.hash() + "): two writers extended the chain");
  }

  /** One tenant's state: the verified head, the recent hashes, and an event that skipped ahead. */
  private static final class TenantChain {
    private final String[] recent;
    private long sequence;
    private String hash = HashChain.GENESIS;
    private TenantEvent held;
    private long heldAt;
    private boolean broken;

    TenantChain(int window) {
      recent = new String[window];
    }

    void advance(long newSequence, String newHash) {
      sequence = newSequence;
      hash = newHash;
      recent[(int) (newSequence % recent.length)] = newHash;
    }

    String hashAt(long seq) {
      return seq > 0 && sequence - seq < recent.length ? recent[(int) (seq % recent.length)] : null;
    }
  }
}
