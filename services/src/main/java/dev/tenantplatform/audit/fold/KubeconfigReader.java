package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.HashChain;
import java.time.Instant;
import java.util.Objects;

/**
 * Someone who read a tenant's kubeconfig within the replay's window (or up to its instant).
 *
 * @param readBy the token's subject
 * @param scope {@code admin} or {@code tenant}
 * @param reads how many times
 * @param first the first read
 * @param last the latest read
 */
public record KubeconfigReader(String readBy, String scope, long reads, Instant first, Instant last) {

  public KubeconfigReader {
    Objects.requireNonNull(readBy, "readBy");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
  }

  KubeconfigReader again(Instant time) {
    return new KubeconfigReader(readBy, scope, reads + 1, time.isBefore(first) ? time : first,
        time.isAfter(last) ? time : last);
  }

  /** This reader's reads with {@code other}'s, the same reader's counted elsewhere. */
  KubeconfigReader with(KubeconfigReader other) {
    return new KubeconfigReader(readBy, scope, reads + other.reads, other.first.isBefore(first) ? other.first : first,
        other.last.isAfter(last) ? other.last : last);
  }

  /** {@code alice@example.com (tenant) 2 reads, last 2026-03-04T05:06:07.089Z}. */
  String describe() {
    return readBy + " (" + scope + ") " + reads + (reads == 1 ? " read" : " reads") + ", last "
        + HashChain.formatTime(last);
  }
}
