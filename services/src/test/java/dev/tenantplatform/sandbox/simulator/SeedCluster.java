package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's k0s-demo-cluster (Cluster, DockerCluster, K0smotronControlPlane with 3 replicas, NodePort,
 * emptyDir, MachineDeployment of 2 workers, their templates, Calico through a ClusterResourceSet), written as
 * v1beta2 with the fixes of k0smotron-capi.md §10 and §12, for one tenant: namespace {@code tenant-<name>},
 * objects {@code <name>}, {@code <name>-cp}, {@code <name>-md-0}.
 */
final class SeedCluster {

  final String tenant;
  final String namespace;
  int apiPort = 30443;
  int konnectivityPort = 30132;
  int controlPlaneReplicas = 3;
  int workers = 2;
  boolean managedBy = true;
  boolean calicoLabel = true;
  String fault;
  /** {@code docker} for DockerCluster/DockerMachineTemplate, {@code dev} for their successors. */
  String infrastructure = "docker";
  String serviceType = "NodePort";

  SeedCluster(String tenant) {
    this.tenant = tenant;
    this.namespace = "tenant-" + tenant;
  }

  SeedCluster ports(int api, int konnectivity) {
    this.apiPort = api;
    this.konnectivityPort = konnectivity;
    return this;
  }

  /** Writes every object, in the order a client applying the manifests would. */
  void apply(KubernetesClient client) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("calico").withNamespace(namespace).endMetadata()
        .addToData("calico.yaml", "# Calico manifests, CALICO_IPV4POOL_CIDR=192.168.0.0/16\n").build()).create();
    for (GenericKubernetesResource object : objects()) {
      KubeKind kind = Kinds.ALL.stream().filter(k -> k.apiVersion().equals(object.getApiVersion())
          && k.kind().equals(object.getKind())).findFirst().orElseThrow();
      client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(object).create();
    }
  }

  List<GenericKubernetesResource> objects() {
    return List.of(resourceSet(), cluster(), dockerCluster(), controlPlane(), workerConfigTemplate(),
        machineTemplate(), machineDeployment());
  }

  GenericKubernetesResource resourceSet() {
    return object(Kinds.CLUSTER_RESOURCE_SET, "calico", Map.of(), Map.of(
        "clusterSelector", Map.of("matchLabels", Map.of("cni", "calico")),
        "resources", List.of(Map.of("kind", "ConfigMap", "name", "calico")),
        "strategy", "Reconcile"));
  }

  GenericKubernetesResource cluster() {
    GenericKubernetesResource cluster = object(Kinds.CLUSTER, tenant, Map.of(), Map.of(
        "clusterNetwork", Map.of(
            "pods", Map.of("cidrBlocks", List.of("192.168.0.0/16")),
            "services", Map.of("cidrBlocks", List.of("10.128.0.0/12")),
            "serviceDomain", "cluster.local"),
        "controlPlaneRef", Map.of("apiGroup", Kinds.CONTROL_PLANE, "kind", "K0smotronControlPlane",
            "name", tenant + "-cp"),
        "infrastructureRef", Map.of("apiGroup", Kinds.INFRASTRUCTURE, "kind", dev() ? "DevCluster" : "DockerCluster",
            "name", tenant)));
    if (calicoLabel) {
      cluster.getMetadata().getLabels().put("cni", "calico");
    }
    if (fault != null) {
      cluster.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(Faults.ANNOTATION, fault)));
    }
    return cluster;
  }

  GenericKubernetesResource dockerCluster() {
    GenericKubernetesResource docker = dev()
        ? object(Kinds.DEV_CLUSTER, tenant, Map.of(), Map.of("backend", Map.of("docker", Map.of())))
        : object(Kinds.DOCKER_CLUSTER, tenant, Map.of(), Map.of());
    if (managedBy) {
      docker.getMetadata().setAnnotations(Map.of("cluster.x-k8s.io/managed-by", "k0smotron"));
    }
    return docker;
  }

  GenericKubernetesResource controlPlane() {
    return object(Kinds.K0SMOTRON_CONTROL_PLANE, tenant + "-cp", Map.of(), Map.of(
        "version", "v1.32.8+k0s.0",
        "replicas", controlPlaneReplicas,
        "persistence", Map.of("type", "emptyDir"),
        "service", Map.of("type", serviceType, "apiPort", apiPort, "konnectivityPort", konnectivityPort),
        "resources", Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi")),
        "k0sConfig", Map.of("apiVersion", "k0s.k0sproject.io/v1beta1", "kind", "ClusterConfig",
            "metadata", Map.of("name", "k0s"), "spec", Map.of("network", Map.of("provider", "custom")))));
  }

  GenericKubernetesResource workerConfigTemplate() {
    return object(Kinds.K0S_WORKER_CONFIG_TEMPLATE, tenant + "-md-0", Map.of(),
        Map.of("template", Map.of("spec", Map.of("version", "v1.32.8+k0s.0"))));
  }

  GenericKubernetesResource machineTemplate() {
    return dev()
        ? object(Kinds.DEV_MACHINE_TEMPLATE, tenant + "-md-0", Map.of(),
            Map.of("template", Map.of("spec", Map.of("backend", Map.of("docker", Map.of())))))
        : object(Kinds.DOCKER_MACHINE_TEMPLATE, tenant + "-md-0", Map.of(), Map.of("template", Map.of("spec", Map.of())));
  }

  private boolean dev() {
    return "dev".equals(infrastructure);
  }

  GenericKubernetesResource machineDeployment() {
    Map<String, String> labels = Map.of("cluster.x-k8s.io/cluster-name", tenant, "pool", "worker-pool-1");
    return object(Kinds.MACHINE_DEPLOYMENT, tenant + "-md-0", Map.of(), Map.of(
        "clusterName", tenant,
        "replicas", workers,
        "selector", Map.of("matchLabels", labels),
        "template", Map.of(
            "metadata", Map.of("labels", labels),
            "spec", Map.of(
                "clusterName", tenant,
                "version", "v1.32.8",
                "bootstrap", Map.of("configRef", Map.of("apiGroup", Kinds.BOOTSTRAP,
                    "kind", "K0sWorkerConfigTemplate", "name", tenant + "-md-0")),
                "infrastructureRef", Map.of("apiGroup", Kinds.INFRASTRUCTURE,
                    "kind", dev() ? "DevMachineTemplate" : "DockerMachineTemplate", "name", tenant + "-md-0")))));
  }

  private GenericKubernetesResource object(KubeKind kind, String name, Map<String, String> labels,
      Map<String, Object> spec) {
    Map<String, String> allLabels = new LinkedHashMap<>(labels);
    allLabels.put("app.kubernetes.io/managed-by", "tenant-platform");
    allLabels.put("tenantplatform.dev/tenant", tenant);
    GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
        .withApiVersion(kind.apiVersion()).withKind(kind.kind())
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(allLabels).endMetadata()
        .build();
    object.setAdditionalProperty("spec", spec);
    return object;
  }
}
