package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
