package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;

/** Objects as the blueprint writes them, for tenant {@code acme}. */
final class TestObjects {

  static final String NAMESPACE = "tenant-acme";
  /** Short waits, so that retry tests take milliseconds. */
  static final RetryPolicy FAST_RETRIES = new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(40));

  private TestObjects() {
  }

  static GenericKubernetesResource controlPlane(int replicas, Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(Kinds.K0SMOTRON_CONTROL_PLANE.apiVersion())
        .withKind(Kinds.K0SMOTRON_CONTROL_PLANE.kind())
        .withNewMetadata().withName("acme-cp").withNamespace(NAMESPACE).withLabels(labels).endMetadata()
        .addToAdditionalProperties("spec", Map.of("version", "v1.32.8-k0s.0", "replicas", replicas,
            "persistence", Map.of("type", "emptyDir"),
            "service", Map.of("type", "NodePort", "apiPort", 30000, "konnectivityPort", 30001)))
        .build();
  }

  static GenericKubernetesResource controlPlane(int replicas) {
    return controlPlane(replicas, Map.of(Labels.TENANT, "acme", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE));
  }

  static Namespace namespace() {
    return new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
        .addToLabels(Labels.TENANT, "acme").endMetadata().build();
  }

  static ConfigMap calico(String manifest) {
    return new ConfigMapBuilder().withNewMetadata().withName("calico").withNamespace(NAMESPACE)
        .addToLabels(Labels.TENANT, "acme").endMetadata()
        .addToData("calico.yaml", manifest).build();
  }

  static GenericKubernetesResource liveControlPlane(KubernetesClient client) {
    return client.genericKubernetesResources(Kinds.K0SMOTRON_CONTROL_PLANE.context()).inNamespace(NAMESPACE)
        .withName("acme-cp").get();
  }

  /** What the k0smotron controller does: writes the status subresource. */
  static void controllerReportsReady(KubernetesClient client) {
    client.genericKubernetesResources(Kinds.K0SMOTRON_CONTROL_PLANE.context()).inNamespace(NAMESPACE)
        .withName("acme-cp").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"readyReplicas\":3,\"initialization\":{\"controlPlaneInitialized\":true}}}");
  }
}
