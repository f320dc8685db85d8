package dev.tenantplatform.app;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where every part of a local platform can be reached, as written to {@code DIR/local.json} once it is
 * ready, so scripts and tools (the CLI, kcat, kubectl, Prometheus) find it.
 */
public record LocalInfo(String http, String kafka, String kubernetes, Path kubeconfig, String adminToken) {

  public static final String FILE = "local.json";

  public JsonObject toJson() {
    return new JsonObject()
        .put("http", http)
        .put("kafka", kafka)
        .put("kubernetes", kubernetes)
        .put("kubeconfig", kubeconfig.toString())
        .put("adminToken", adminToken);
  }

  public static LocalInfo fromJson(JsonObject json) {
    return new LocalInfo(json.getString("http"), json.getString("kafka"), json.getString("kubernetes"),
        Path.of(json.getString("kubeconfig")), json.getString("adminToken"));
  }

  /** Written owner-only: it holds the admin token. */
  public void write(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    Path tmp = dataDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, toJson().encodePrettily() + "\n");
    setOwnerOnly(tmp);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static Optional<LocalInfo> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      return Files.exists(file) ? Optional.of(fromJson(new JsonObject(Files.readString(file)))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the user profile's own permissions apply.
    }
  }
}
