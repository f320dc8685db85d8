package dev.tenantplatform.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded API's objects in {@code objects.json}: written every second while something
 * changed and once more at stop, so a restart (even after a crash, minus the last second) finds the
 * tenants' clusters where they were.
 */
final class ObjectSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectSnapshots.class);
  private static final String FILE = "objects.json";

  private final Path dir;
  private ScheduledExecutorService timer;
  private List<String> lastWritten = List.of();

  ObjectSnapshots(Path dir) {
    this.dir = dir;
  }

  List<String> load() {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<String> objects = new ArrayList<>();
      new JsonArray(Files.readString(file)).forEach(o -> objects.add(((JsonObject) o).encode()));
      lastWritten = objects;
      return objects;
    } catch (IOException | RuntimeException e) {
      throw new SandboxException("cannot read the embedded API's objects from " + file + " (" + e.getMessage()
          + "); start with --fresh to begin empty", e);
    }
  }

  synchronized void startPeriodic(Supplier<List<String>> objects) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sandbox-kubernetes-snapshots");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> writeIfChanged(objects.get()), 1, 1, TimeUnit.SECONDS);
  }

  synchronized void stop(List<String> finalObjects) {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    writeIfChanged(finalObjects);
  }

  private synchronized void writeIfChanged(List<String> objects) {
    if (objects.equals(lastWritten)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      JsonArray array = new JsonArray();
      objects.forEach(o -> array.add(new JsonObject(o)));
      Path tmp = dir.resolve(FILE + ".tmp");
      Files.writeString(tmp, array.encode());
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      lastWritten = objects;
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot save the embedded API's objects in {}: {}", dir, e.toString());
    }
  }
}
