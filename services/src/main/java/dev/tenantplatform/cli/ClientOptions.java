package dev.tenantplatform.cli;

import dev.tenantplatform.app.LocalInfo;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a client command finds the platform: {@code --server} and {@code --token}, or else the {@code local.json}
 * that {@code tenant-platform local} writes into its data folder.
 */
final class ClientOptions {

  enum Output { table, json }

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:TENANT_PLATFORM_SERVER}",
      description = "The platform's HTTP address, e.g. http://127.0.0.1:8080 (env TENANT_PLATFORM_SERVER;"
          + " default: the one in DIR/local.json).")
  String server;

  @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:TENANT_PLATFORM_TOKEN}",
      description = "Bearer token (env TENANT_PLATFORM_TOKEN; default: the admin token in DIR/local.json).")
  String token;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = ".tenant-platform",
      description = "Data folder of a local platform, whose local.json is read when --server or --token is"
          + " missing (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Output output;

  ApiClient client() {
    Optional<LocalInfo> local = LocalInfo.read(dataDir);
    String url = server != null && !server.isBlank() ? server : local.map(LocalInfo::http).orElse(null);
    String bearer = token != null && !token.isBlank() ? token : local.map(LocalInfo::adminToken).orElse(null);
    if (url == null) {
      throw new IllegalArgumentException("no platform to talk to: give --server URL (and --token), or --data DIR"
          + " of a running `tenant-platform local` (no " + dataDir.resolve(LocalInfo.FILE) + " found)");
    }
    if (bearer == null) {
      throw new IllegalArgumentException("no token: give --token JWT (or set TENANT_PLATFORM_TOKEN)");
    }
    return new ApiClient(url, bearer);
  }

  boolean json() {
    return output == Output.json;
  }
}
