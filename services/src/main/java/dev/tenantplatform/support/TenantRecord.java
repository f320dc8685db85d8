package dev.tenantplatform.support;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant as its event chain tells it: enough for the provisioner to judge the next request (does the
 * tenant exist, what spec was last accepted), for the ledger to go on with the chain, and for the watcher to
 * emit only the transitions the log does not hold yet.
 *
 * @param head the last sealed event
 * @param spec the last accepted cluster spec, with defaults resolved; null when none was ever accepted
 * @param lifecycle folded from the chain: {@code tenant.accepted} of a create makes it LIVE,
 *     {@code tenant.deleting} DELETING, {@code tenant.deleted} DELETED; other events leave it unchanged
 * @param progress what the chain says about the current life of the tenant (see {@link Progress})
 */
public record TenantRecord(String tenant, ChainHead head, ClusterSpec spec, Lifecycle lifecycle, Progress progress) {

  public enum Lifecycle { NONE, LIVE, DELETING, DELETED }

  public TenantRecord {
    progress = progress == null ? Progress.NONE : progress;
  }

  /** A record without progress: what a reader that only needs the head, spec and lifecycle builds. */
  public TenantRecord(String tenant, ChainHead head, ClusterSpec spec, Lifecycle lifecycle) {
    this(tenant, head, spec, lifecycle, Progress.NONE);
  }

  public boolean live() {
    return lifecycle == Lifecycle.LIVE;
  }

  /**
   * The last accepted request, and what happened since the tenant's create was accepted. Lets a component that
   * derives events from the world (the watcher) tell which of them the chain already holds, after a restart as
   * well, and measure durations from the request.
   *
   * @param requestId the last accepted request (create, update or delete); null before the first
   * @param action its action
   * @param acceptedAt when it was accepted ({@code tenant.accepted}'s time)
   * @param changed for an update, the fields it changed ({@link ClusterSpec#changesFrom}); empty otherwise
   * @param createdAt when the create that began the tenant's current life was accepted: durations count from here
   * @param reached the time each event type first appeared since that create
   * @param sinceRequest the event types the last accepted request has caused so far
   * @param degradedEpisodes how many {@code cluster.degraded} events the current life has seen
   * @param degradedSince the time of the {@code cluster.degraded} still in force; null when the last one was
   *     followed by {@code tenant.ready} (or there was none)
   */
  public record Progress(String requestId, Action action, Instant acceptedAt, List<String> changed,
      Instant createdAt, Map<EventType, Instant> reached, Set<EventType> sinceRequest, int degradedEpisodes,
      Instant degradedSince) {

    /** Before any request was accepted. */
    public static final Progress NONE = new Progress(null, null, null, List.of(), null, Map.of(), Set.of(), 0, null);

    public Progress {
      changed = List.copyOf(Objects.requireNonNull(changed, "changed"));
      reached = Map.copyOf(Objects.requireNonNull(reached, "reached"));
      sinceRequest = Set.copyOf(Objects.requireNonNull(sinceRequest, "sinceRequest"));
    }

    /** Whether the chain holds an event of {@code type} caused by the last accepted request. */
    public boolean sinceRequest(EventType type) {
      return sinceRequest.contains(type);
    }

    /** Whether an event of {@code type} appeared since the create. */
    public boolean reached(EventType type) {
      return reached.containsKey(type);
    }

    public boolean degraded() {
      return degradedSince != null;
    }
  }
}
