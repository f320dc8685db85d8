package dev.tenantplatform.provisioner.blueprint;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tenant's names and the metadata every object of the tenant carries: its namespace and the two labels
 * the watcher and the RBAC rules select on.
 */
final class TenantScope {

  private final TenantNames names;

  TenantScope(String tenant) {
    this.names = new TenantNames(tenant);
  }

  TenantNames names() {
    return names;
  }

  String tenant() {
    return names.tenant();
  }

  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    labels.put(Labels.TENANT, names.tenant());
    return labels;
  }

  /** Metadata of a namespaced object in the tenant's namespace; {@code extraLabels} come after the common two. */
  ObjectMeta metadata(String name, Map<String, String> extraLabels, Map<String, String> annotations) {
    Map<String, String> labels = labels();
    labels.putAll(extraLabels);
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(names.namespace())
        .withLabels(labels)
        .withAnnotations(annotations.isEmpty() ? null : new LinkedHashMap<>(annotations))
        .build();
  }

  GenericKubernetesResource resource(KubeKind kind, String name, Map<String, Object> spec) {
    return resource(kind, name, Map.of(), Map.of(), spec);
  }

  GenericKubernetesResource resource(KubeKind kind, String name, Map<String, String> extraLabels,
      Map<String, String> annotations, Map<String, Object> spec) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(kind.apiVersion());
    resource.setKind(kind.kind());
    resource.setMetadata(metadata(name, extraLabels, annotations));
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  /** A v1beta2 {@code ContractVersionedObjectReference}: no apiVersion, no namespace (k0smotron-capi.md §1). */
  static Map<String, Object> reference(KubeKind kind, String name) {
    return Spec.of("apiGroup", kind.group(), "kind", kind.kind(), "name", name);
  }

  static Map<String, Object> reference(HasMetadata object) {
    String apiVersion = object.getApiVersion();
    return Spec.of("apiGroup", apiVersion.substring(0, apiVersion.lastIndexOf('/')), "kind", object.getKind(),
        "name", object.getMetadata().getName());
  }
}
