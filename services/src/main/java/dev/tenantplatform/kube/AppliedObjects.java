package dev.tenantplatform.kube;

import dev.tenantplatform.kube.Outcome.Change;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
   * is read by hand: the general parser costs more than the rest of judging an apply.
   *
   * @throws DateTimeException when {@code time} is no RFC 3339 time
   */
  static long epochSecond(String time) {
    if (time.length() == 20 && time.charAt(4) == '-' && time.charAt(7) == '-' && time.charAt(10) == 'T'
        && time.charAt(13) == ':' && time.charAt(16) == ':' && time.charAt(19) == 'Z') {
      int year = digits(time, 0, 4);
      int month = digits(time, 5, 2);
      int day = digits(time, 8, 2);
      int hour = digits(time, 11, 2);
      int minute = digits(time, 14, 2);
      int second = digits(time, 17, 2);
      if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
        return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
      }
    }
    return Instant.parse(time).getEpochSecond();
  }

  /** The number the {@code count} digits at {@code from} spell, or -1 when one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
