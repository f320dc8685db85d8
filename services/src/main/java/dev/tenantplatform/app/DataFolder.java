package dev.tenantplatform.app;

import dev.tenantplatform.api.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The local data folder: wiped by {@code --fresh}, but only when it is one of ours. */
final class DataFolder {

  /** Files one of our data folders holds; a folder with other content is refused, never deleted. */
  private static final List<String> OURS = List.of("local.json", "local.json.tmp", "kafka", "kubernetes",
      "kubeconfig", "admin.token", SigningKeys.PRIVATE_KEY_FILE, SigningKeys.PUBLIC_KEY_FILE);

  private DataFolder() {
  }

  static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<String> foreign = entries.map(p -> p.getFileName().toString())
          .filter(n -> !OURS.contains(n) && !LocalInstances.isLog(n)).toList();
      if (!foreign.isEmpty()) {
        throw new IllegalStateException("--fresh refuses to wipe " + dir + ": it holds files the platform did not"
            + " write (" + foreign + "); pick another --data folder or remove them yourself");
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
