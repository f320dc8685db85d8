package dev.tenantplatform.deploy;

import dev.tenantplatform.testing.Tool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** The manifests under {@code deploy/}, read as files or rendered by {@code kubectl kustomize}. */
final class Manifests {

  /** The repository's root, seen from the services module where the tests run. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final List<String> OVERLAYS = List.of("overlays/kind", "overlays/production");

  private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

  private Manifests() {
  }

  /** The objects of one YAML file, as fabric8 reads them (kinds it does not know become generic resources). */
  static List<HasMetadata> read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  static List<HasMetadata> parse(String yaml) {
    if (yaml.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
      return List.of();
    }
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    List<?> objects = parsed instanceof KubernetesList list ? list.getItems()
        : parsed instanceof List<?> many ? many : List.of(parsed);
    return objects.stream().map(HasMetadata.class::cast).toList();
  }

  /**
   * What {@code kubectl kustomize deploy/<dir>} renders. Skips the calling test where kubectl is missing, or where
   * its built-in kustomize predates components and the labels field (v4.1; Debian's kubernetes-client 1.20 has v2).
   */
  static List<HasMetadata> render(String dir) {
    Tool kubectl = new Tool("kubectl").require();
    Matcher version = KUSTOMIZE_VERSION.matcher(kubectl.run(Map.of(), 30, "version", "--client").out());
    Assumptions.assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= 4, "kubectl's kustomize is older"
        + " than v4 (components, labels): install a current kubectl to render deploy/");
    Tool.Result result = kubectl.run(Map.of(), 60, "kustomize", DEPLOY.resolve(dir).toString());
    if (result.exitCode() != 0) {
      throw new AssertionError("kubectl kustomize deploy/" + dir + " failed: " + result.err());
    }
    return parse(result.out());
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<HasMetadata> ofKind(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  static Optional<HasMetadata> named(List<HasMetadata> objects, String kind, String name) {
    return ofKind(objects, kind).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  static Deployment platform(List<HasMetadata> objects) {
    return all(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("tenant-platform"))
        .findFirst().orElseThrow(() -> new AssertionError("no Deployment tenant-platform rendered"));
  }
}
