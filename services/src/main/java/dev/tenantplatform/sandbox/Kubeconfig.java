package dev.tenantplatform.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The kubeconfig that lets kubectl and other tools reach the embedded API. */
final class Kubeconfig {

  static final String NAME = "tenant-platform-local";

  private Kubeconfig() {
  }

  static Path write(Path file, String server) {
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        users:
        - name: %1$s
          user: {}
        """.formatted(NAME, server);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: nothing more to restrict
      }
      return file;
    } catch (IOException e) {
      throw new SandboxException("cannot write the kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }
}
