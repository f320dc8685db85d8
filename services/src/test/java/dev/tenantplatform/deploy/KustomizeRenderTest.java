package dev.tenantplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay renders with {@code kubectl kustomize}, parses, and holds together: selectors find the pods,
 * references find their objects, the pods run locked down. Skipped, with the reason, where kubectl is missing
 * ({@code .ci/run} installs it).
 */
class KustomizeRenderTest {

  static Stream<String> overlays() {
    return Stream.concat(Stream.of("base"), Manifests.OVERLAYS.stream());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void rendersIntoObjectsThatAllLiveInTheirNamespaces(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    assertThat(objects).isNotEmpty();
    for (HasMetadata object : objects) {
      boolean clusterScoped = Stream.of("Namespace", "ClusterRole", "ClusterRoleBinding")
          .anyMatch(object.getKind()::equals);
      assertThat(object.getMetadata().getNamespace()).as("%s %s", object.getKind(), object.getMetadata().getName())
          .matches(ns -> clusterScoped == (ns == null));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theSelectorsOfServicesBudgetAndPolicyFindThePlatformsPods(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    Map<String, String> podLabels = Manifests.platform(objects).getSpec().getTemplate().getMetadata().getLabels();
    assertThat(Manifests.all(objects, Service.class)).isNotEmpty()
        .allSatisfy(s -> assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector()));
    assertThat(Manifests.all(objects, PodDisruptionBudget.class)).singleElement()
        .satisfies(p -> assertThat(podLabels).containsAllEntriesOf(p.getSpec().getSelector().getMatchLabels()));
    assertThat(Manifests.all(objects, NetworkPolicy.class)).singleElement()
        .satisfies(p -> assertThat(podLabels).containsAllEntriesOf(p.getSpec().getPodSelector().getMatchLabels()));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void servicesAndPolicyNameContainerPortsThatExist(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    List<String> ports = container(Manifests.platform(objects)).getPorts().stream().map(p -> p.getName()).toList();
    for (Service service : Manifests.all(objects, Service.class)) {
      assertThat(service.getSpec().getPorts()).extracting(ServicePort::getTargetPort)
          .allSatisfy(target -> assertThat(ports).contains(target.getStrVal()));
    }
    NetworkPolicy policy = Manifests.all(objects, NetworkPolicy.class).get(0);
    assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
        .allSatisfy(port -> assertThat(ports).contains(port.getPort().getStrVal()));
    Service headless = Manifests.all(objects, Service.class).stream()
        .filter(s -> "None".equals(s.getSpec().getClusterIP())).findFirst()
        .orElseThrow(() -> new AssertionError("no headless Service for Hazelcast discovery"));
    assertThat(env(Manifests.platform(objects))).containsEntry("TENANT_PLATFORM_CLUSTER_KUBERNETES_SERVICE",
        headless.getMetadata().getName());
    assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort)
        .contains(Integer.valueOf(env(Manifests.platform(objects)).get("TENANT_PLATFORM_CLUSTER_PORT")));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theClusterPortsAdmitOnlyThePlatformsOwnPodsAndTheScrapeComesFromMonitoring(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    Map<String, String> podLabels = Manifests.platform(objects).getSpec().getTemplate().getMetadata().getLabels();
    NetworkPolicy policy = Manifests.all(objects, NetworkPolicy.class).get(0);
    assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
    // Hazelcast's port (and the event bus, on a port chosen at start) is open to the platform's own pods only.
    var hazelcast = policy.getSpec().getIngress().stream()
        .filter(rule -> rule.getPorts().isEmpty()
            || rule.getPorts().stream().anyMatch(p -> "hazelcast".equals(p.getPort().getStrVal())))
        .toList();
    assertThat(hazelcast).singleElement().satisfies(rule -> assertThat(rule.getFrom()).singleElement()
        .satisfies(peer -> {
          assertThat(peer.getNamespaceSelector()).isNull();
          assertThat(podLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels());
        }));
    assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
      assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "monitoring"));
      assertThat(rule.getPorts()).extracting(p -> p.getPort().getStrVal()).contains("http");
    });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void thePlatformRunsAsItsServiceAccountWhichTheBindingsGrant(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    Deployment deployment = Manifests.platform(objects);
    String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    String namespace = deployment.getMetadata().getNamespace();
    assertThat(Manifests.named(objects, "ServiceAccount", account)).isPresent();
    List<Subject> subjects = Stream.concat(
        Manifests.all(objects, ClusterRoleBinding.class).stream().flatMap(b -> b.getSubjects().stream()),
        Manifests.all(objects, RoleBinding.class).stream().flatMap(b -> b.getSubjects().stream())).toList();
    assertThat(subjects).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getName()).isEqualTo(account);
      assertThat(s.getNamespace()).isEqualTo(namespace);
    });
    Manifests.all(objects, ClusterRoleBinding.class).forEach(b ->
        assertThat(Manifests.named(objects, b.getRoleRef().getKind(), b.getRoleRef().getName())).isPresent());
    Manifests.all(objects, RoleBinding.class).forEach(b ->
        assertThat(Manifests.named(objects, b.getRoleRef().getKind(), b.getRoleRef().getName())).isPresent());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void thePodsRunLockedDownWithOnlyTmpWritable(String dir) {
    Deployment deployment = Manifests.platform(Manifests.render(dir));
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = container(deployment);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
        .map(VolumeMount::getName).findFirst().orElseThrow(() -> new AssertionError("/tmp is not mounted"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmpVolume)).singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(container.getVolumeMounts()).filteredOn(m -> !m.getMountPath().equals("/tmp"))
        .allSatisfy(m -> assertThat(m.getReadOnly()).as(m.getMountPath()).isTrue());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theConfigMapTheContainerReadsIsRendered(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    container(Manifests.platform(objects)).getEnvFrom().forEach(source ->
        assertThat(Manifests.named(objects, "ConfigMap", source.getConfigMapRef().getName()))
            .as("ConfigMap %s", source.getConfigMapRef().getName()).isPresent());
  }

  static Stream<String> monitoredOverlays() {
    return Manifests.OVERLAYS.stream();
  }

  @ParameterizedTest
  @MethodSource("monitoredOverlays")
  void theServiceMonitorFindsTheServiceAndAPortItServes(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    GenericKubernetesResource monitor = (GenericKubernetesResource) Manifests.ofKind(objects, "ServiceMonitor").get(0);
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    List<String> namespaces = monitor.get("spec", "namespaceSelector", "matchNames");
    List<Service> scraped = Manifests.all(objects, Service.class).stream()
        .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .filter(s -> namespaces.contains(s.getMetadata().getNamespace()))
        .filter(s -> !"None".equals(s.getSpec().getClusterIP())).toList();
    assertThat(scraped).as("Services the ServiceMonitor selects").singleElement();
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).allSatisfy(endpoint -> assertThat(scraped.get(0).getSpec().getPorts())
        .extracting(ServicePort::getName).contains((String) endpoint.get("port")));
    assertThat(Manifests.all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class))
        .filteredOn(m -> m.getMetadata().getLabels() != null && m.getMetadata().getLabels().containsKey("grafana_dashboard"))
        .allSatisfy(m -> assertThat(m.getMetadata().getNamespace()).isEqualTo("monitoring"));
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** The container's environment: its own entries and those of the ConfigMaps it reads whole. */
  static Map<String, String> env(Deployment deployment) {
    Map<String, String> env = new java.util.TreeMap<>();
    for (EnvVar var : container(deployment).getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }
}
