package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterSpecTest {

  @Test
  void missingFieldsTakeTheSeedsDefaults() {
    assertThat(ClusterSpec.UNCHANGED.withWorkers(5).withDefaults())
        .isEqualTo(new ClusterSpec("v1.32.8+k0s.0", 3, 5, "calico", "emptyDir", "NodePort", "docker"));
  }

  @Test
  void anUpdateNamesTheFieldsItReallyChanges() {
    ClusterSpec change = new ClusterSpec("v1.32.8", 3, 5, null, "pvc", null, null);

    assertThat(change.changesFrom(ClusterSpec.DEFAULTS)).containsExactly("workers", "persistence");
    assertThat(ClusterSpec.UNCHANGED.withVersion("v1.33.0").changesFrom(ClusterSpec.DEFAULTS))
        .containsExactly("version");
    assertThat(ClusterSpec.UNCHANGED.changesFrom(ClusterSpec.DEFAULTS)).isEmpty();
  }

  @Test
  void anEventsClusterIsReadIgnoringKeysThisVersionDoesNotKnow() {
    ObjectNode cluster = new ObjectMapper().createObjectNode().put("workers", 4).put("gpu", "a100");

    assertThat(ClusterSpec.fromEvent(cluster, null)).isEqualTo(ClusterSpec.UNCHANGED.withWorkers(4));
    assertThat(ClusterSpec.fromEvent(cluster.put("workers", "four"), ClusterSpec.DEFAULTS))
        .isEqualTo(ClusterSpec.DEFAULTS);
    assertThat(ClusterSpec.fromEvent(null, ClusterSpec.DEFAULTS)).isEqualTo(ClusterSpec.DEFAULTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"version\":\"v1.32.8+k0s.0\",\"controlPlaneReplicas\":3,\"workers\":2,\"cni\":\"calico\","
          + "\"persistence\":\"emptyDir\",\"serviceType\":\"NodePort\",\"infrastructure\":\"docker\"}",
      "{}", "{\"workers\":null,\"version\":null}", "{\"workers\":\"3\"}", "{\"workers\":3.0}",
      "{\"workers\":3.5}", "{\"workers\":12345678901}", "{\"workers\":true}", "{\"version\":132}",
      "{\"version\":true}", "{\"version\":{\"major\":1}}", "{\"cni\":[\"calico\"]}",
      "{\"serviceType\":\"ClusterIP\",\"gpu\":{\"kind\":\"a100\"}}", "{\"controlPlaneReplicas\":-1}"})
  void anEventsClusterReadsAsTheDataBindingReadsIt(String json) throws Exception {
    ObjectMapper binding = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    JsonNode cluster = binding.readTree(json);
    ClusterSpec bound;
    try {
      bound = binding.treeToValue(cluster, ClusterSpec.class);
    } catch (Exception e) {
      bound = ClusterSpec.DEFAULTS;
    }

    assertThat(ClusterSpec.fromEvent(cluster, ClusterSpec.DEFAULTS)).isEqualTo(bound);
  }
}
