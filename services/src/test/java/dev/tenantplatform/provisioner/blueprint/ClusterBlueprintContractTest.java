package dev.tenantplatform.provisioner.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.testing.CrdValidator;
import dev.tenantplatform.testing.WebhookRules;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the blueprint writes, checked against the real upstream CRDs, unknown fields included: an
 * API server would reject the first kind of mistake and silently drop the second. Namespace and ConfigMap are
 * core kinds, with no CRD to check against.
 */
class ClusterBlueprintContractTest {

  private static CrdValidator crds;

  @BeforeAll
  static void loadCrds() {
    crds = CrdValidator.fromSharedFolder();
  }

  static Stream<Arguments> everyShape() {
    return Stream.of("docker", "dev").flatMap(infrastructure ->
        Stream.of("NodePort", "ClusterIP", "LoadBalancer").flatMap(serviceType ->
            Stream.of("emptyDir", "hostPath", "pvc").map(persistence ->
                Arguments.of(infrastructure, serviceType, persistence))));
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("everyShape")
  void everyCustomObjectValidatesAgainstItsCrd(String infrastructure, String serviceType, String persistence) {
    ClusterSpec spec = new ClusterSpec("v1.32.8+k0s.0", 3, 2, "calico", persistence, serviceType, infrastructure);
    Optional<NodePorts> ports = serviceType.equals("NodePort")
        ? Optional.of(new NodePorts(30500, 30501)) : Optional.empty();

    TenantObjects objects = new ClusterBlueprint(BlueprintConfig.defaults()).desired("acme", spec, ports);

    assertValid(objects);
  }

  @Test
  void objectsBuiltFromEveryOptionalSettingStillValidate() {
    BlueprintConfig everything = BlueprintConfig.defaults()
        .withWorkerImage("kindest/node:v1.32.8")
        .withStorage(new ControlPlaneStorage("/data", "5Gi", "fast-ssd"))
        .withControlPlane(new ControlPlanePlan(new ContainerResources("2", "4Gi", "4", "8Gi"),
            new ContainerResources("500m", "1Gi", null, null), "quay.io/k0sproject/etcd:v3.7.1"));
    for (String infrastructure : List.of("docker", "dev")) {
      ClusterSpec spec = new ClusterSpec("v1.33.1+k0s.2", 7, 0, "calico", "pvc", "NodePort", infrastructure);

      assertValid(new ClusterBlueprint(everything).desired("a".repeat(40), spec,
          Optional.of(new NodePorts(32766, 32767))));
    }
  }

  private static void assertValid(TenantObjects objects) {
    List<GenericKubernetesResource> custom = objects.inApplyOrder().stream()
        .filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast).toList();
    assertThat(custom).extracting(HasMetadata::getKind).hasSize(7);
    for (GenericKubernetesResource object : custom) {
      assertThat(crds.problems(object)).as("%s %s against the CRD in %s", object.getKind(),
          object.getMetadata().getName(), crds.folder()).isEmpty();
      assertThat(WebhookRules.problems(object)).as("%s %s against the webhook rules", object.getKind(),
          object.getMetadata().getName()).isEmpty();
    }
  }
}
