package dev.tenantplatform.watcher.state;

/**
 * One check's verdict.
 *
 * @param fact what the objects say, in a few words: {@code control plane 1/3 ready}
 * @param cause the controllers' explanation when there is one ({@code Available False:
 *     KubeSystemNamespaceNotAccessible}); null otherwise
 */
public record Check(CheckName name, boolean passed, String fact, String cause) {

  static Check pass(CheckName name, String fact) {
    return new Check(name, true, fact, null);
  }

  static Check fail(CheckName name, String fact, String cause) {
    return new Check(name, false, fact, cause);
  }

  /** The fact with its cause: {@code control plane 1/3 ready (Available False: KubeSystemNamespaceNotAccessible)}. */
  public String detail() {
    return cause == null ? fact : fact + " (" + cause + ")";
  }

  /** The fact, how long it has lasted, and its cause: the reason of {@code cluster.degraded}. */
  public String lasting(String duration) {
    return fact + " for " + duration + (cause == null ? "" : " (" + cause + ")");
  }
}
