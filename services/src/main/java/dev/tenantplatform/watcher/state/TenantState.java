package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.TenantPhase;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's state, derived from its objects and its event chain at one moment.
 *
 * @param reason why the tenant is Degraded, Failed or Updating, in words; null otherwise
 * @param stage where a Degraded or Failed tenant is stuck ({@link CheckName#stage()}); null otherwise
 * @param checks the Action 10 checks, one by one, in {@link CheckName} order
 * @param signature how far the tenant has got (see {@link Signature})
 * @param progressAt when the signature last changed: the start of a stall
 * @param degradesAt when the tenant counts as Degraded if nothing changes until then; null when it cannot (Ready,
 *     Degraded already, Failed, being deleted)
 * @param derivedAt the moment of the derivation
 * @param observation what it was derived from
 */
public record TenantState(String tenant, TenantPhase phase, String reason, String stage, List<Check> checks,
    Signature signature, Instant progressAt, Instant degradesAt, Instant derivedAt,
    TenantObservation observation) {

  public TenantState {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(observation, "observation");
    checks = List.copyOf(checks);
  }

  public boolean allChecksPass() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The check called {@code name}. */
  public Check check(CheckName name) {
    return checks.get(name.ordinal());
  }

  /** The first check that fails, or null when all pass. */
  public Check firstFailing() {
    return checks.stream().filter(c -> !c.passed()).findFirst().orElse(null);
  }
}
