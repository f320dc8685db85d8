package dev.tenantplatform.provisioner.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterBlueprintTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Optional<NodePorts> PORTS = Optional.of(new NodePorts(31443, 31132));

  private final ClusterBlueprint blueprint = new ClusterBlueprint(BlueprintConfig.defaults());

  @Test
  void buildsTheNineObjectsOfTheSpecTableNamespaceFirstAndTemplatesBeforeTheMachineDeployment() {
    List<HasMetadata> objects = acme().inApplyOrder();

    assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "Namespace tenant-acme",
            "ConfigMap calico",
            "ClusterResourceSet calico",
            "Cluster acme",
            "DockerCluster acme",
            "K0smotronControlPlane acme-cp",
            "DockerMachineTemplate " + acme().machineTemplate().getMetadata().getName(),
            "K0sWorkerConfigTemplate " + acme().workerConfigTemplate().getMetadata().getName(),
            "MachineDeployment acme-md-0");
    assertThat(objects).extracting(HasMetadata::getApiVersion).containsExactly("v1", "v1",
        "addons.cluster.x-k8s.io/v1beta2", "cluster.x-k8s.io/v1beta2", "infrastructure.cluster.x-k8s.io/v1beta2",
        "controlplane.cluster.x-k8s.io/v1beta2", "infrastructure.cluster.x-k8s.io/v1beta2",
        "bootstrap.cluster.x-k8s.io/v1beta2", "cluster.x-k8s.io/v1beta2");
    assertThat(acme().machineTemplate().getMetadata().getName()).matches("acme-md-0-[0-9a-f]{10}");
    assertThat(acme().workerConfigTemplate().getMetadata().getName()).matches("acme-md-0-[0-9a-f]{10}");
  }

  @Test
  void theGroundworkIsTheNamespaceAndCalicoWhateverTheNodePortsAndTheClusterAndTheRestFollowIt() {
    TenantObjects clusterIp = blueprint.desired("acme", new ClusterSpec(null, null, null, null, null, "ClusterIP", null).withDefaults(),
        Optional.empty());

    assertThat(blueprint.groundwork("acme")).containsExactlyElementsOf(acme().groundwork())
        .containsExactlyElementsOf(clusterIp.groundwork())
        .extracting(HasMetadata::getKind).containsExactly("Namespace", "ConfigMap", "ClusterResourceSet");
    assertThat(concat(acme().groundwork(), acme().fromCluster())).containsExactlyElementsOf(acme().inApplyOrder());
    assertThatThrownBy(() -> blueprint.groundwork("Acme")).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<HasMetadata> concat(List<HasMetadata> first, List<HasMetadata> rest) {
    return java.util.stream.Stream.concat(first.stream(), rest.stream()).toList();
  }

  @Test
  void everyObjectIsLabelledForTheTenantAndAllButTheNamespaceLiveInTheTenantNamespace() {
    for (HasMetadata object : acme().inApplyOrder()) {
      assertThat(object.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "tenant-platform")
          .containsEntry("tenantplatform.dev/tenant", "acme");
      assertThat(object.getMetadata().getNamespace())
          .isEqualTo(object.getKind().equals("Namespace") ? null : "tenant-acme");
    }
  }

  @Test
  void clusterIsSelectedByTheCalicoResourceSetAndPointsAtItsPartsWithV1beta2References() {
    TenantObjects acme = acme();

    assertThat(acme.cluster().getMetadata().getLabels()).containsEntry("cni", "calico");
    assertThat((Map<String, Object>) acme.calicoResourceSet().get("spec"))
        .containsEntry("clusterSelector", Map.of("matchLabels", Map.of("cni", "calico")))
        .containsEntry("strategy", "Reconcile")
        .containsEntry("resources", List.of(Map.of("kind", "ConfigMap", "name", "calico")));
    assertThat((Map<String, Object>) acme.cluster().get("spec", "controlPlaneRef")).isEqualTo(Map.of(
        "apiGroup", "controlplane.cluster.x-k8s.io", "kind", "K0smotronControlPlane", "name", "acme-cp"));
    assertThat((Map<String, Object>) acme.cluster().get("spec", "infrastructureRef")).isEqualTo(Map.of(
        "apiGroup", "infrastructure.cluster.x-k8s.io", "kind", "DockerCluster", "name", "acme"));
  }

  @Test
  void clusterNetworkComesFromTheConfiguration() {
    TenantObjects acme = new ClusterBlueprint(BlueprintConfig.defaults().withNetworks("10.244.0.0/16",
        "10.96.0.0/12")).desired("acme", ClusterSpec.DEFAULTS, PORTS);

    assertThat((String) acme.cluster().get("spec", "clusterNetwork", "pods", "cidrBlocks", 0))
        .isEqualTo("10.244.0.0/16");
    assertThat((String) acme.cluster().get("spec", "clusterNetwork", "services", "cidrBlocks", 0))
        .isEqualTo("10.96.0.0/12");
    assertThat((String) acme.cluster().get("spec", "clusterNetwork", "serviceDomain")).isEqualTo("cluster.local");
  }

  @Test
  void infrastructureClusterIsLeftToK0smotronSoItGetsMarkedProvisioned() {
    assertThat(acme().infrastructureCluster().getMetadata().getAnnotations())
        .containsEntry("cluster.x-k8s.io/managed-by", "k0smotron");
  }

  @Test
  void nodePortControlPlaneIsExposedOnTheTenantsOwnPorts() {
    assertThat((Map<String, Object>) acme().controlPlane().get("spec", "service"))
        .isEqualTo(Map.of("type", "NodePort", "apiPort", 31443, "konnectivityPort", 31132));
  }

  @Test
  void clusterIpAndLoadBalancerControlPlanesCarryNoPorts() {
    for (String type : List.of("ClusterIP", "LoadBalancer")) {
      TenantObjects objects = blueprint.desired("acme", serviceType(type), Optional.empty());

      assertThat((Map<String, Object>) objects.controlPlane().get("spec", "service"))
          .isEqualTo(Map.of("type", type));
    }
  }

  @Test
  void versionReplicasAndWorkersComeFromTheRequest() {
    TenantObjects objects = blueprint.desired("acme",
        spec().withVersion("v1.31.4+k0s.1").withControlPlaneReplicas(5).withWorkers(7), PORTS);

    assertThat((String) objects.controlPlane().get("spec", "version")).isEqualTo("v1.31.4+k0s.1");
    assertThat((Integer) objects.controlPlane().get("spec", "replicas")).isEqualTo(5);
    assertThat((Integer) objects.machineDeployment().get("spec", "replicas")).isEqualTo(7);
    assertThat((String) objects.machineDeployment().get("spec", "template", "spec", "version"))
        .as("CAPD picks the node image from the bare Kubernetes version").isEqualTo("v1.31.4");
    assertThat((String) objects.workerConfigTemplate().get("spec", "template", "spec", "version"))
        .isEqualTo("v1.31.4+k0s.1");
  }

  @Test
  void machineDeploymentPointsAtTheTemplatesOfThisBlueprintAndSelectsItsOwnMachines() {
    TenantObjects acme = acme();
    GenericKubernetesResource md = acme.machineDeployment();

    assertThat((String) md.get("spec", "clusterName")).isEqualTo("acme");
    assertThat((String) md.get("spec", "template", "spec", "clusterName")).isEqualTo("acme");
    assertThat((Map<String, Object>) md.get("spec", "template", "spec", "bootstrap", "configRef")).isEqualTo(Map.of(
        "apiGroup", "bootstrap.cluster.x-k8s.io", "kind", "K0sWorkerConfigTemplate",
        "name", acme.workerConfigTemplate().getMetadata().getName()));
    assertThat((Map<String, Object>) md.get("spec", "template", "spec", "infrastructureRef")).isEqualTo(Map.of(
        "apiGroup", "infrastructure.cluster.x-k8s.io", "kind", "DockerMachineTemplate",
        "name", acme.machineTemplate().getMetadata().getName()));
    Map<String, Object> selector = md.get("spec", "selector", "matchLabels");
    assertThat((Map<String, Object>) md.get("spec", "template", "metadata", "labels"))
        .containsAllEntriesOf(selector)
        .containsEntry(Labels.CLUSTER_NAME, "acme")
        .containsEntry(Labels.TENANT, "acme");
  }

  @Test
  void calicoIpPoolIsTheClustersPodCidr() throws Exception {
    TenantObjects objects = new ClusterBlueprint(BlueprintConfig.defaults().withNetworks("10.244.0.0/16",
        "10.96.0.0/12")).desired("acme", ClusterSpec.DEFAULTS, PORTS);

    String podCidr = objects.cluster().get("spec", "clusterNetwork", "pods", "cidrBlocks", 0);
    assertThat(calicoPool(objects)).isEqualTo(podCidr).isEqualTo("10.244.0.0/16");
  }

  @Test
  void shippedCalicoTemplateRendersToNamedKubernetesObjectsWithNoPlaceholderLeft() throws Exception {
    String manifest = acme().calicoConfigMap().getData().get("calico.yaml");
    List<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(manifest).readAll()
        .stream().filter(d -> !d.isNull() && !d.isMissingNode()).toList();

    assertThat(manifest).doesNotContain("${");
    assertThat(documents).allSatisfy(d -> {
      assertThat(d.path("apiVersion").asText()).isNotEmpty();
      assertThat(d.path("kind").asText()).isNotEmpty();
      assertThat(d.at("/metadata/name").asText()).isNotEmpty();
    });
    assertThat(documents).extracting(d -> d.path("kind").asText() + " " + d.at("/metadata/name").asText())
        .contains("DaemonSet calico-node", "Deployment calico-kube-controllers", "ConfigMap calico-config",
            "CustomResourceDefinition ippools.crd.projectcalico.org");
  }

  @Test
  void anOperatorsCalicoTemplateReplacesTheShippedOne() {
    String template = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pool}\ndata: {cidr: \"${POD_CIDR}\"}\n";
    TenantObjects objects = new ClusterBlueprint(BlueprintConfig.defaults().withCalicoTemplate(template))
        .desired("acme", ClusterSpec.DEFAULTS, PORTS);

    assertThat(objects.calicoConfigMap().getData()).containsExactly(Map.entry("calico.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pool}\ndata: {cidr: \"192.168.0.0/16\"}\n"));
  }

  @Test
  void k0sRunsNoCniOfItsOwnBesideCalico() {
    assertThat((Map<String, Object>) acme().controlPlane().get("spec", "k0sConfig")).isEqualTo(Map.of(
        "apiVersion", "k0s.k0sproject.io/v1beta1", "kind", "ClusterConfig", "metadata", Map.of("name", "k0s"),
        "spec", Map.of("network", Map.of("provider", "custom"))));
  }

  @Test
  void controlPlaneAndEtcdPodsRequestWhatThePlanSays() {
    ControlPlanePlan plan = new ControlPlanePlan(new ContainerResources("500m", "768Mi", null, "1Gi"),
        new ContainerResources("100m", "256Mi", "500m", "512Mi"), "quay.io/k0sproject/etcd:v3.7.0");
    TenantObjects objects = new ClusterBlueprint(BlueprintConfig.defaults().withControlPlane(plan))
        .desired("acme", ClusterSpec.DEFAULTS, PORTS);

    assertThat((Map<String, Object>) objects.controlPlane().get("spec", "resources")).isEqualTo(Map.of(
        "requests", Map.of("cpu", "500m", "memory", "768Mi"), "limits", Map.of("memory", "1Gi")));
    assertThat((Map<String, Object>) objects.controlPlane().get("spec", "storage")).isEqualTo(Map.of(
        "type", "etcd", "etcd", Map.of("image", "quay.io/k0sproject/etcd:v3.7.0", "resources", Map.of(
            "requests", Map.of("cpu", "100m", "memory", "256Mi"),
            "limits", Map.of("cpu", "500m", "memory", "512Mi")))));
  }

  @Test
  void defaultPlanRequestsWhatAHostedControlPlaneUsesAndLimitsItToAControllerNode() {
    assertThat((String) acme().controlPlane().get("spec", "resources", "requests", "cpu")).isEqualTo("100m");
    assertThat((String) acme().controlPlane().get("spec", "resources", "requests", "memory")).isEqualTo("160Mi");
    assertThat((String) acme().controlPlane().get("spec", "resources", "limits", "cpu")).isEqualTo("1");
    assertThat((String) acme().controlPlane().get("spec", "resources", "limits", "memory")).isEqualTo("1Gi");
  }

  @Test
  void persistenceOfTheK0sDataFollowsTheRequest() {
    ClusterBlueprint withStorage = new ClusterBlueprint(BlueprintConfig.defaults()
        .withStorage(new ControlPlaneStorage("/data/k0s/", "2Gi", "fast")));

    assertThat((Map<String, Object>) withStorage.desired("acme", spec(), PORTS).controlPlane()
        .get("spec", "persistence")).isEqualTo(Map.of("type", "emptyDir"));
    assertThat((Map<String, Object>) withStorage.desired("acme", persistence("hostPath"), PORTS)
        .controlPlane().get("spec", "persistence"))
        .isEqualTo(Map.of("type", "hostPath", "hostPath", "/data/k0s/tenant-acme"));
    assertThat((Map<String, Object>) withStorage.desired("acme", persistence("pvc"), PORTS)
        .controlPlane().get("spec", "persistence")).isEqualTo(Map.of("type", "pvc", "persistentVolumeClaim",
            Map.of("spec", Map.of("accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", "2Gi")), "storageClassName", "fast"))));
  }

  @Test
  void theSameRequestTwiceGivesByteIdenticalObjects() throws Exception {
    String first = JSON.writeValueAsString(blueprint.desired("acme", spec(), PORTS).inApplyOrder());
    String second = JSON.writeValueAsString(new ClusterBlueprint(BlueprintConfig.defaults())
        .desired("acme", spec(), PORTS).inApplyOrder());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aNewVersionRenamesTheWorkerConfigTemplateOnly() {
    TenantObjects before = acme();
    TenantObjects after = blueprint.desired("acme", spec().withVersion("v1.33.4+k0s.0"), PORTS);

    assertThat(name(after.workerConfigTemplate())).isNotEqualTo(name(before.workerConfigTemplate()));
    assertThat(name(after.machineTemplate())).isEqualTo(name(before.machineTemplate()));
    assertThat((String) after.machineDeployment().get("spec", "template", "spec", "bootstrap", "configRef", "name"))
        .isEqualTo(name(after.workerConfigTemplate()));
  }

  @Test
  void aNewWorkerImageRenamesTheMachineTemplateOnly() {
    TenantObjects before = acme();
    TenantObjects after = new ClusterBlueprint(BlueprintConfig.defaults().withWorkerImage("kindest/node:v1.32.8"))
        .desired("acme", ClusterSpec.DEFAULTS, PORTS);

    assertThat(name(after.machineTemplate())).isNotEqualTo(name(before.machineTemplate()));
    assertThat((String) after.machineTemplate().get("spec", "template", "spec", "customImage"))
        .isEqualTo("kindest/node:v1.32.8");
    assertThat(name(after.workerConfigTemplate())).isEqualTo(name(before.workerConfigTemplate()));
  }

  @Test
  void scalingKeepsBothTemplateNames() {
    TenantObjects scaled = blueprint.desired("acme", spec().withWorkers(9).withControlPlaneReplicas(5), PORTS);

    assertThat(name(scaled.machineTemplate())).isEqualTo(name(acme().machineTemplate()));
    assertThat(name(scaled.workerConfigTemplate())).isEqualTo(name(acme().workerConfigTemplate()));
  }

  @Test
  void devProviderBuildsDevClusterAndDevMachineTemplateWithTheDockerBackend() {
    TenantObjects dev = new ClusterBlueprint(BlueprintConfig.defaults().withWorkerImage("kindest/node:v1.32.8"))
        .desired("acme", infrastructure("dev"), PORTS);

    assertThat(dev.infrastructureCluster().getKind()).isEqualTo("DevCluster");
    assertThat((Map<String, Object>) dev.infrastructureCluster().get("spec"))
        .isEqualTo(Map.of("backend", Map.of("docker", Map.of())));
    assertThat(dev.infrastructureCluster().getMetadata().getAnnotations())
        .containsEntry("cluster.x-k8s.io/managed-by", "k0smotron");
    assertThat(dev.machineTemplate().getKind()).isEqualTo("DevMachineTemplate");
    assertThat((Map<String, Object>) dev.machineTemplate().get("spec", "template", "spec"))
        .isEqualTo(Map.of("backend", Map.of("docker", Map.of("customImage", "kindest/node:v1.32.8"))));
    assertThat((String) dev.cluster().get("spec", "infrastructureRef", "kind")).isEqualTo("DevCluster");
    assertThat((String) dev.machineDeployment().get("spec", "template", "spec", "infrastructureRef", "kind"))
        .isEqualTo("DevMachineTemplate");
  }

  @Test
  void aBareKubernetesVersionIsCompletedAsK0smotronDoes() {
    TenantObjects objects = blueprint.desired("acme", spec().withVersion("v1.32.8"), PORTS);

    assertThat((String) objects.controlPlane().get("spec", "version")).isEqualTo("v1.32.8+k0s.0");
  }

  @Test
  void rejectsInputThatCannotMakeAValidClusterNamingTheField() {
    assertRejected("Acme", spec(), PORTS, "tenant 'Acme' is not a DNS-1123 label");
    assertRejected("a".repeat(41), spec(), PORTS, "at most 40 characters");
    assertRejected("acme", spec().withControlPlaneReplicas(2), PORTS, "controlPlaneReplicas 2 must be odd");
    assertRejected("acme", spec().withWorkers(-1), PORTS, "workers -1 must be zero or more");
    assertRejected("acme", spec().withVersion("1.32"), PORTS, "version '1.32' is not a k0s version");
    assertRejected("acme", infrastructure("aws"), PORTS,
        "infrastructure 'aws' is not supported: use docker or dev");
    assertRejected("acme", serviceType("Ingress"), PORTS, "serviceType 'Ingress' is not supported");
    assertRejected("acme", persistence("nfs"), PORTS,
        "persistence 'nfs' is not supported: use emptyDir, hostPath or pvc");
    assertRejected("acme", cni("cilium"), PORTS, "cni 'cilium' is not supported: use calico");
    assertRejected("acme", spec(), Optional.empty(), "serviceType NodePort needs node ports");
    assertRejected("acme", serviceType("ClusterIP"), PORTS, "only NodePort uses them");
    assertRejected("acme", ClusterSpec.UNCHANGED.withVersion("v1.32.8+k0s.0"), PORTS,
        "cluster.controlPlaneReplicas is missing");
  }

  @Test
  void anotherProviderIsOneClassHandedToTheBlueprint() {
    ClusterBlueprint withInMemory = new ClusterBlueprint(BlueprintConfig.defaults(),
        List.of(new DockerProvider(), new InMemoryProvider()));

    TenantObjects objects = withInMemory.desired("acme", infrastructure("in-memory"), PORTS);

    assertThat(withInMemory.infrastructures()).containsExactly("docker", "in-memory");
    assertThat((Map<String, Object>) objects.infrastructureCluster().get("spec"))
        .isEqualTo(Map.of("backend", Map.of("inMemory", Map.of())));
    assertThat((Map<String, Object>) objects.machineTemplate().get("spec", "template", "spec"))
        .isEqualTo(Map.of("backend", Map.of("inMemory", Map.of())));
  }

  /** CAPD's in-memory backend: fake machines, as CAPI's scale tests use them. */
  static final class InMemoryProvider implements InfrastructureProvider {

    @Override
    public String name() {
      return "in-memory";
    }

    @Override
    public KubeKind clusterKind() {
      return Kinds.DEV_CLUSTER;
    }

    @Override
    public Map<String, Object> clusterSpec() {
      return Map.of("backend", Map.of("inMemory", Map.of()));
    }

    @Override
    public KubeKind machineTemplateKind() {
      return Kinds.DEV_MACHINE_TEMPLATE;
    }

    @Override
    public Map<String, Object> machineSpec(BlueprintConfig config) {
      return Map.of("backend", Map.of("inMemory", Map.of()));
    }
  }

  private TenantObjects acme() {
    return blueprint.desired("acme", ClusterSpec.DEFAULTS, PORTS);
  }

  private void assertRejected(String tenant, ClusterSpec spec, Optional<NodePorts> ports, String message) {
    assertThatThrownBy(() -> blueprint.desired(tenant, spec, ports))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static ClusterSpec spec() {
    return ClusterSpec.DEFAULTS;
  }

  private static ClusterSpec serviceType(String type) {
    return new ClusterSpec(null, null, null, null, null, type, null).over(ClusterSpec.DEFAULTS);
  }

  private static ClusterSpec persistence(String persistence) {
    return new ClusterSpec(null, null, null, null, persistence, null, null).over(ClusterSpec.DEFAULTS);
  }

  static ClusterSpec infrastructure(String infrastructure) {
    return new ClusterSpec(null, null, null, null, null, null, infrastructure).over(ClusterSpec.DEFAULTS);
  }

  private static ClusterSpec cni(String cni) {
    return new ClusterSpec(null, null, null, cni, null, null, null).over(ClusterSpec.DEFAULTS);
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  /** The CALICO_IPV4POOL_CIDR of the calico-node DaemonSet the ClusterResourceSet would apply. */
  static String calicoPool(TenantObjects objects) throws Exception {
    String manifest = objects.calicoConfigMap().getData().get("calico.yaml");
    List<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(manifest).readAll();
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals("DaemonSet"))
        .flatMap(d -> d.at("/spec/template/spec/containers/0/env").findParents("name").stream())
        .filter(env -> env.path("name").asText().equals("CALICO_IPV4POOL_CIDR"))
        .map(env -> env.path("value").asText())
        .findFirst().orElseThrow();
  }
}
