package dev.tenantplatform.kube;

import dev.tenantplatform.events.UtcTime;
import dev.tenantplatform.kube.Outcome.Change;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an applier last saw of the objects it applied, so that the answer of a server-side apply alone tells
 * CREATED from PATCHED from UNCHANGED, without a read before each apply. Bounded: the objects applied least
 * recently are forgotten first.
 */
final class AppliedObjects {

  /** The resource version of an object after an apply, and the fingerprint of what that apply asked for. */
  private record Seen(String resourceVersion, int desired) {
  }

  private final Map<ObjectRef, Seen> seen;

  AppliedObjects(int capacity) {
    this.seen = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ObjectRef, Seen> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * What the apply of {@code desired} sent at {@code sent} did, judged from its {@code answer}: unchanged when
   * the object kept its resource version, or moved only by others (a controller's status) while the platform
   * asked for the same as last time; remembers the answer.
   */
  Change judge(ObjectRef ref, DesiredObject desired, HasMetadata answer, Instant sent) {
    Seen now = new Seen(answer.getMetadata().getResourceVersion(), desired.fingerprint());
    Seen before;
    synchronized (seen) {
      before = seen.put(ref, now);
    }
    if (before == null) {
      return createdSince(answer, sent) ? Change.CREATED : Change.PATCHED;
    }
    boolean untouched = before.resourceVersion() != null && before.resourceVersion().equals(now.resourceVersion());
    return untouched || before.desired() == now.desired() ? Change.UNCHANGED : Change.PATCHED;
  }

  /** API servers stamp creation to the second: an object created by this apply is not older than its call. */
  private static boolean createdSince(HasMetadata answer, Instant sent) {
    String created = answer.getMetadata().getCreationTimestamp();
    if (created == null) {
      return false;
    }
    try {
      return epochSecond(created) >= sent.getEpochSecond();
    } catch (DateTimeException e) {
      return false;
    }
  }

  /**
   * The seconds since the epoch of an RFC 3339 time. The form API servers write ({@code 2026-01-02T03:04:05Z})
   * is read without the general parser, which costs more than the rest of judging an apply.
   *
   * @throws DateTimeException when {@code time} is no RFC 3339 time
   */
  static long epochSecond(String time) {
    Instant plain = UtcTime.read(time);
    return (plain != null ? plain : Instant.parse(time)).getEpochSecond();
  }
}
