package dev.tenantplatform.audit.fold;

/**
 * Which of the readiness checks (the seed's Action 10) a tenant's events had reported, since its cluster was
 * last accepted for creation.
 */
public record Checks(boolean controlPlaneReady, boolean provisioned, boolean workersReady, boolean cniApplied) {

  public static final Checks NONE = new Checks(false, false, false, false);

  public Checks withControlPlaneReady() {
    return new Checks(true, provisioned, workersReady, cniApplied);
  }

  public Checks withProvisioned() {
    return new Checks(controlPlaneReady, true, workersReady, cniApplied);
  }

  public Checks withWorkersReady() {
    return new Checks(controlPlaneReady, provisioned, true, cniApplied);
  }

  public Checks withCniApplied() {
    return new Checks(controlPlaneReady, provisioned, workersReady, true);
  }

  /** {@code control-plane ok, provisioned ok, workers -, cni -}. */
  public String describe() {
    return "control-plane " + mark(controlPlaneReady) + ", provisioned " + mark(provisioned) + ", workers "
        + mark(workersReady) + ", cni " + mark(cniApplied);
  }

  private static String mark(boolean passed) {
    return passed ? "ok" : "-";
  }
}
