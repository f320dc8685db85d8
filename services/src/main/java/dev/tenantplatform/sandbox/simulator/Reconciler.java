package dev.tenantplatform.sandbox.simulator;

/** One simulated controller: brings the world one step closer to what the object asks for. */
interface Reconciler {

  /** A short name for logs, e.g. {@code k0smotron-controlplane}. */
  String name();

  /** Looks at the object (which may be gone) and acts; must be idempotent. */
  Result reconcile(ObjectKey key);

  /** Drops what the controller remembers about an object that is gone. */
  default void forget(String uid) {
  }
}
