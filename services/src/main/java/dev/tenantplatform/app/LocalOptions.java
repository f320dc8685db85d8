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
 */
public record LocalOptions(Path dataDir, int httpPort, String profile, boolean fresh, int partitions) {

  public static final List<String> PROFILES = List.of("instant", "demo", "realistic");

  public LocalOptions {
    if (!PROFILES.contains(profile)) {
      throw new IllegalArgumentException("unknown profile '" + profile + "': use one of " + PROFILES);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }
}
