package dev.tenantplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.app.PlatformConfig;
import dev.tenantplatform.events.Topic;
import dev.tenantplatform.events.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Strimzi KafkaTopics give the topics what the platform gives them when it creates them itself. */
class KafkaTopicsManifestTest {

  private final List<HasMetadata> manifest = read();

  @Test
  void everyTopicOfThePlatformIsThereAndNothingElse() {
    assertThat(manifest).extracting(t -> (String) ((GenericKubernetesResource) t).get("spec", "topicName"))
        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    assertThat(manifest).allSatisfy(t -> assertThat(t.getKind()).isEqualTo("KafkaTopic"));
  }

  @Test
  void eachTopicHasThePartitionsAndTheSettingsThePlatformCreatesItWith() {
    for (Topic<?> topic : Topics.ALL) {
      GenericKubernetesResource resource = topic(topic.name());
      assertThat(((Number) resource.get("spec", "partitions")).intValue()).as(topic.name())
          .isEqualTo(PlatformConfig.DEFAULT_PARTITIONS);
      assertThat(config(resource)).as(topic.name()).containsAllEntriesOf(topic.config());
    }
  }

  @Test
  void anAcknowledgedEventSurvivesTheLossOfABrokerAndTheEventsAreKeptForever() {
    for (Topic<?> topic : Topics.ALL) {
      GenericKubernetesResource resource = topic(topic.name());
      assertThat(((Number) resource.get("spec", "replicas")).intValue()).as(topic.name()).isEqualTo(3);
      assertThat(config(resource)).as(topic.name()).containsEntry("min.insync.replicas", "2");
    }
    assertThat(config(topic(Topics.EVENTS.name()))).containsEntry("retention.ms", "-1");
  }

  @Test
  void theTopicsNameTheStrimziClusterThatManagesThem() {
    assertThat(manifest).allSatisfy(t -> assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster"));
  }

  private GenericKubernetesResource topic(String name) {
    return manifest.stream().map(GenericKubernetesResource.class::cast)
        .filter(t -> name.equals(t.get("spec", "topicName"))).findFirst()
        .orElseThrow(() -> new AssertionError("no KafkaTopic for " + name + " in deploy/kafka-topics"));
  }

  private static Map<String, String> config(GenericKubernetesResource topic) {
    Map<String, Object> config = topic.get("spec", "config");
    return config.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  private static List<HasMetadata> read() {
    try {
      return Manifests.read(Manifests.DEPLOY.resolve("kafka-topics/topics.yaml"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
