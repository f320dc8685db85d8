package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.K0sVersion;
import java.util.Objects;
import java.util.Optional;

/** Version comparisons across the forms the objects use: {@code v1.32.8+k0s.0}, {@code v1.32.8-k0s.0}, {@code v1.32.8}. */
final class Versions {

  private Versions() {
  }

  /** The same k0s version, whichever separator each uses. */
  static boolean sameK0s(String a, String b) {
    Optional<K0sVersion> left = K0sVersion.read(a);
    Optional<K0sVersion> right = K0sVersion.read(b);
    return left.isPresent() && right.isPresent() ? left.equals(right) : Objects.equals(a, b);
  }

  /** The same Kubernetes version (the machines' {@code v1.32.8} against the request's {@code v1.32.8+k0s.0}). */
  static boolean sameKubernetes(String a, String b) {
    Optional<K0sVersion> left = K0sVersion.read(a);
    Optional<K0sVersion> right = K0sVersion.read(b);
    if (left.isEmpty() || right.isEmpty()) {
      return Objects.equals(a, b);
    }
    return left.get().major() == right.get().major() && left.get().minor() == right.get().minor()
        && left.get().patch() == right.get().patch();
  }
}
