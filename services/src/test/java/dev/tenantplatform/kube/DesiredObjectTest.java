package dev.tenantplatform.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.provisioner.blueprint.BlueprintConfig;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the applier sends of an object: the platform's part, and nothing the server or the controllers own. */
class DesiredObjectTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void anObjectHoldingOnlyWhatThePlatformSetsIsSentAsItIsWithoutAConversion() {
    for (HasMetadata object : new ClusterBlueprint(BlueprintConfig.defaults())
        .desired("acme", ClusterSpec.DEFAULTS, Optional.of(new NodePorts(30000, 30001))).inApplyOrder()) {
      assertThat(DesiredObject.of(object, serialization).as(object.getClass())).as(object.getKind())
          .isSameAs(object);
    }
  }

  @Test
  void theStatusAndTheServersMetadataAreNeverSent() {
    GenericKubernetesResource live = new GenericKubernetesResource();
    live.setApiVersion("cluster.x-k8s.io/v1beta2");
    live.setKind("Cluster");
    live.setMetadata(new ObjectMetaBuilder().withName("acme")
        .withNamespace("tenant-acme").withResourceVersion("42").withUid("u-1").build());
    live.setAdditionalProperties(Map.of("spec", Map.of("paused", false), "status", Map.of("phase", "Provisioned")));
    ConfigMap read = new ConfigMapBuilder().withNewMetadata().withName("calico").withResourceVersion("7")
        .withCreationTimestamp("2026-11-26T03:03:15Z").endMetadata().addToData("calico.yaml", "v1").build();

    GenericKubernetesResource sent = DesiredObject.of(live, serialization).as(GenericKubernetesResource.class);
    ConfigMap sentMap = DesiredObject.of(read, serialization).as(ConfigMap.class);

    assertThat(sent).isNotSameAs(live);
    assertThat(sent.getAdditionalProperties()).containsKey("spec").doesNotContainKey("status");
    assertThat(sent.getMetadata().getResourceVersion()).isNull();
    assertThat(sent.getMetadata().getUid()).isNull();
    assertThat(sentMap.getMetadata().getResourceVersion()).isNull();
    assertThat(sentMap.getMetadata().getCreationTimestamp()).isNull();
    assertThat(sentMap.getData()).containsEntry("calico.yaml", "v1");
    assertThat(read.getMetadata().getResourceVersion()).as("the object given is left as it was").isEqualTo("7");
  }
}
