package dev.tenantplatform.bench;

import java.util.List;

/** One way of writing tenants' objects into a management cluster, measured the same way as the other. */
sealed interface Side extends AutoCloseable permits FloorSide, PlatformSide {

  /**
   * Onboards {@code tenants}, at most the configured number at a time, and returns once each is applied or
   * has failed.
   *
   * @throws BenchException when the side stops making progress
   */
  Onboarding onboard(List<String> tenants) throws InterruptedException;

  @Override
  void close();
}
