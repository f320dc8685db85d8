package dev.tenantplatform.bench;

import java.util.Map;

/**
 * What onboarding a batch of tenants took on one side.
 *
 * @param wallNanos from the first tenant started to the last one finished
 * @param latencyNanos each applied tenant's time from its start to its last object written
 * @param failures each tenant that did not get its objects, with the reason
 */
record Onboarding(long wallNanos, Map<String, Long> latencyNanos, Map<String, String> failures) {

  Onboarding {
    latencyNanos = Map.copyOf(latencyNanos);
    failures = Map.copyOf(failures);
  }
}
