package dev.tenantplatform.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What onboarding a batch of tenants took on one side.
 *
 * @param wallNanos from the first tenant started to the last one finished (of each batch, added up)
 * @param latencyNanos each applied tenant's time from its start to its last object written
 * @param failures each tenant that did not get its objects, with the reason
 */
record Onboarding(long wallNanos, Map<String, Long> latencyNanos, Map<String, String> failures) {

  static final Onboarding NONE = new Onboarding(0, Map.of(), Map.of());

  Onboarding {
    latencyNanos = Map.copyOf(latencyNanos);
    failures = Map.copyOf(failures);
  }

  /** Both batches as one, their wall times added: the side's time spent onboarding, without the other's turns. */
  Onboarding plus(Onboarding next) {
    Map<String, Long> latencies = new HashMap<>(latencyNanos);
    latencies.putAll(next.latencyNanos);
    Map<String, String> failed = new HashMap<>(failures);
    failed.putAll(next.failures);
    return new Onboarding(wallNanos + next.wallNanos, latencies, failed);
  }
}
