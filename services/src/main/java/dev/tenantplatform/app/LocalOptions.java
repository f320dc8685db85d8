package dev.tenantplatform.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code local} mode.
 *
 * @param dataDir    where the broker's log, the Kubernetes objects and {@code local.json} live
 * @param httpPort   the HTTP API's port (0: any free port)
 * @param profile    the simulator's timing profile
 * @param fresh      start from an empty data folder
 * @param partitions partition count of the platform's topics
 * @param instances  platform processes sharing the broker and the API: 1 runs the platform in this process;
 *                   more start that many JVMs, in one Hazelcast cluster on loopback
 */
public record LocalOptions(Path dataDir, int httpPort, String profile, boolean fresh, int partitions,
    int instances) {

  public static final int MAX_INSTANCES = 9;

  public static final List<String> PROFILES = List.of("instant", "demo", "realistic");

  public LocalOptions {
    if (!PROFILES.contains(profile)) {
      throw new IllegalArgumentException("unknown profile '" + profile + "': use one of " + PROFILES);
    }
    if (instances < 1 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException("--instances " + instances + " must be between 1 and " + MAX_INSTANCES);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** One instance, in this process. */
  public LocalOptions(Path dataDir, int httpPort, String profile, boolean fresh, int partitions) {
    this(dataDir, httpPort, profile, fresh, partitions, 1);
  }
}
