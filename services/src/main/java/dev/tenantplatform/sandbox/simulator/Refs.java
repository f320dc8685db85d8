package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/** Resolves the v1beta2 references ({@code apiGroup}, {@code kind}, {@code name}) that CAPI objects carry. */
final class Refs {

  private Refs() {
  }

  /** The kind a reference at {@code path} points to, or null when it is absent or of a kind we do not know. */
  static KubeKind kind(GenericKubernetesResource object, Object... path) {
    Map<String, Object> ref = Fields.map(object, path);
    return kind(Fields.string(ref, "apiGroup"), Fields.string(ref, "kind"));
  }

  static KubeKind kind(String group, String kind) {
    return Kinds.ALL.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst().orElse(null);
  }

  static String name(GenericKubernetesResource object, Object... path) {
    return Fields.string(Fields.map(object, path), "name");
  }

  /** The object a reference points to, in the referrer's namespace; null when absent or unknown. */
  static GenericKubernetesResource resolve(Api api, GenericKubernetesResource object, Object... path) {
    KubeKind kind = kind(object, path);
    String name = name(object, path);
    return kind == null || name == null ? null : api.get(kind, object.getMetadata().getNamespace(), name);
  }

  /** The kind of the objects stamped from a template kind: {@code DockerMachineTemplate} → {@code DockerMachine}. */
  static KubeKind stampedFrom(KubeKind template) {
    if (template == null || !template.kind().endsWith("Template")) {
      return null;
    }
    return kind(template.group(), template.kind().substring(0, template.kind().length() - "Template".length()));
  }
}
