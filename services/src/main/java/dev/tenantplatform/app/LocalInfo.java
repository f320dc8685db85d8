package dev.tenantplatform.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where every part of a local platform can be reached, as written to {@code DIR/local.json} once it is
 * ready, so scripts and tools (the CLI, kcat, kubectl, Prometheus) find it.
 */
public record LocalInfo(String http, String kafka, String kubernetes, Path kubeconfig, String adminToken,
    List<Instance> instances) {

  public static final String FILE = "local.json";

  /** One platform process of {@code local --instances N}: where its HTTP API answers, and its PID. */
  public record Instance(String http, long pid) {
  }

  public LocalInfo {
    instances = instances == null ? List.of() : List.copyOf(instances);
  }

  /** A platform of one instance, in this process. */
  public LocalInfo(String http, String kafka, String kubernetes, Path kubeconfig, String adminToken) {
    this(http, kafka, kubernetes, kubeconfig, adminToken, List.of(new Instance(http, ProcessHandle.current().pid())));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("http", http)
        .put("kafka", kafka)
        .put("kubernetes", kubernetes)
        .put("kubeconfig", kubeconfig.toString())
        .put("adminToken", adminToken)
        .put("instances", new JsonArray(instances.stream()
            .map(i -> new JsonObject().put("http", i.http()).put("pid", i.pid())).toList()));
  }

  public static LocalInfo fromJson(JsonObject json) {
    JsonArray instances = json.getJsonArray("instances", new JsonArray());
    return new LocalInfo(json.getString("http"), json.getString("kafka"), json.getString("kubernetes"),
        Path.of(json.getString("kubeconfig")), json.getString("adminToken"), IntStream.range(0, instances.size())
            .mapToObj(instances::getJsonObject)
            .map(i -> new Instance(i.getString("http"), i.getLong("pid", 0L))).toList());
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
