package dev.tenantplatform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {

  @Test
  void aMachineDeploymentWhoseTemplateEscapesItsSelectorOrClusterIsRefused() {
    GenericKubernetesResource md = object("MachineDeployment", Map.of(
        "clusterName", "acme",
        "selector", Map.of("matchLabels", Map.of("pool", "md-0")),
        "template", Map.of("metadata", Map.of("labels", Map.of("pool", "other")),
            "spec", Map.of("clusterName", "beta"))));

    assertThat(WebhookRules.problems(md)).hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("clusterName"))
        .anySatisfy(p -> assertThat(p).contains("selector"))
        .anySatisfy(p -> assertThat(p).contains("version"));
  }

  @Test
  void aResourceSetWithoutSelectorIsRefused() {
    assertThat(WebhookRules.problems(object("ClusterResourceSet", Map.of("strategy", "Reconcile"))))
        .singleElement().asString().contains("clusterSelector");
  }

  private static GenericKubernetesResource object(String kind, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withKind(kind).withApiVersion("cluster.x-k8s.io/v1beta2")
        .withNewMetadata().withName("acme").endMetadata().addToAdditionalProperties("spec", spec).build();
  }
}
