package dev.tenantplatform.watcher;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of Ready tenants as the controllers leave them once everything is up (the simulator's end state,
 * written directly): per tenant a Cluster, its K0smotronControlPlane, MachineDeployment, two Machines, three k0s
 * and three etcd pods, the ClusterResourceSetBinding and the kubeconfig Secret. For the benchmark.
 */
final class TenantsAtRest {

  static final String VERSION = "v1.32.8+k0s.0";
  /** The index of the {@code Ready} condition in a Machine's conditions, for a JSON patch that flips it. */
  static final int MACHINE_READY_CONDITION = 1;

  private final KubernetesClient client;

  TenantsAtRest(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Writes every object of {@code tenant}: created first, then its status through the status subresource, as an
   * API server ignores the status of a create.
   */
  void write(String tenant) {
    for (HasMetadata object : objects(tenant)) {
      HasMetadata created = client.resource(object).create();
      if (object instanceof GenericKubernetesResource custom && custom.getAdditionalProperties().containsKey("status")) {
        ((GenericKubernetesResource) created).setAdditionalProperty("status", custom.get("status"));
        client.resource(created).updateStatus();
      } else if (object instanceof Pod pod) {
        ((Pod) created).setStatus(pod.getStatus());
        client.resource(created).updateStatus();
      }
    }
  }

  /** The name of the tenant's first Machine, the one the benchmark makes fall and come back. */
  static String firstMachine(String tenant) {
    return new TenantNames(tenant).machineDeployment() + "-abcde-m0";
  }

  /** Sets the Ready condition of the tenant's first Machine: a status change as CAPI writes one. */
  void machineReady(String tenant, boolean ready) {
    String patch = "[{\"op\":\"replace\",\"path\":\"/status/conditions/" + MACHINE_READY_CONDITION
        + "/status\",\"value\":\"" + (ready ? "True" : "False") + "\"}]";
    client.genericKubernetesResources(Kinds.MACHINE.context()).inNamespace(new TenantNames(tenant).namespace())
        .withName(firstMachine(tenant)).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
  }

  static List<HasMetadata> objects(String tenant) {
    TenantNames names = new TenantNames(tenant);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(custom(Kinds.CLUSTER, names, names.cluster(), Map.of(Labels.CNI, Labels.CNI_CALICO),
        Map.of("controlPlaneEndpoint", Map.of("host", "172.18.0.2", "port", 31443),
            "clusterNetwork", Map.of("pods", Map.of("cidrBlocks", List.of("192.168.0.0/16")))),
        Map.of("phase", "Provisioned", "initialization", Map.of("infrastructureProvisioned", true,
            "controlPlaneInitialized", true), "conditions", conditions("Available", "InfrastructureReady",
            "ControlPlaneInitialized", "ControlPlaneAvailable", "WorkersAvailable", "RemoteConnectionProbe"))));
    objects.add(custom(Kinds.K0SMOTRON_CONTROL_PLANE, names, names.controlPlane(), Map.of(),
        Map.of("version", VERSION, "replicas", 3, "persistence", Map.of("type", "emptyDir")),
        Map.of("replicas", 3, "readyReplicas", 3, "availableReplicas", 3, "upToDateReplicas", 3, "version", VERSION,
            "externalManagedControlPlane", true, "initialization", Map.of("controlPlaneInitialized", true),
            "conditions", conditions("Available"))));
    objects.add(custom(Kinds.MACHINE_DEPLOYMENT, names, names.machineDeployment(), Map.of(),
        Map.of("clusterName", tenant, "replicas", 2, "template", Map.of("spec", Map.of("version", "v1.32.8"))),
        Map.of("replicas", 2, "readyReplicas", 2, "availableReplicas", 2, "upToDateReplicas", 2, "phase", "Running",
            "conditions", conditions("Available", "MachinesReady", "MachinesUpToDate"))));
    for (int i = 0; i < 2; i++) {
      objects.add(custom(Kinds.MACHINE, names, names.machineDeployment() + "-abcde-m" + i,
          Map.of(Labels.CLUSTER_NAME, tenant, Labels.DEPLOYMENT_NAME, names.machineDeployment()),
          Map.of("clusterName", tenant, "version", "v1.32.8", "providerID", "docker:////" + tenant + "-m" + i),
          Map.of("phase", "Running", "nodeRef", Map.of("name", tenant + "-m" + i),
              "conditions", conditions("Available", "Ready", "UpToDate", "BootstrapConfigReady",
                  "InfrastructureReady", "NodeHealthy", "NodeReady"))));
    }
    for (int i = 0; i < 3; i++) {
      objects.add(pod(tenant, names.controlPlaneStatefulSet() + "-" + i, "cluster"));
      objects.add(pod(tenant, names.etcdStatefulSet() + "-" + i, "etcd"));
    }
    GenericKubernetesResource binding = new GenericKubernetesResourceBuilder()
        .withApiVersion(Kinds.CLUSTER_RESOURCE_SET_BINDING.apiVersion())
        .withKind(Kinds.CLUSTER_RESOURCE_SET_BINDING.kind())
        .withNewMetadata().withName(names.resourceSetBinding()).withNamespace(names.namespace()).endMetadata()
        .build();
    binding.setAdditionalProperty("spec", Map.of("clusterName", tenant, "bindings", List.of(Map.of(
        "clusterResourceSetName", TenantNames.CALICO, "resources", List.of(Map.of("kind", "ConfigMap",
            "name", TenantNames.CALICO, "hash", "sha256:0f1e2d", "applied", true,
            "lastAppliedTime", "2026-05-01T10:00:30Z"))))));
    objects.add(binding);
    objects.add(kubeconfig(tenant));
    return objects;
  }

  private static GenericKubernetesResource custom(KubeKind kind, TenantNames names, String name,
      Map<String, String> labels, Map<String, Object> spec, Map<String, Object> status) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    all.put(Labels.TENANT, names.tenant());
    GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
        .withApiVersion(kind.apiVersion()).withKind(kind.kind())
        .withNewMetadata().withName(name).withNamespace(names.namespace()).withLabels(all).endMetadata()
        .build();
    object.setAdditionalProperty("spec", spec);
    object.setAdditionalProperty("status", status);
    return object;
  }

  private static List<Map<String, Object>> conditions(String... trueTypes) {
    List<Map<String, Object>> conditions = new ArrayList<>();
    for (String type : trueTypes) {
      conditions.add(Map.of("type", type, "status", "True", "reason", type, "message", "",
          "lastTransitionTime", "2026-05-01T10:00:30Z"));
    }
    return conditions;
  }

  private static Pod pod(String tenant, String name, String component) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(new TenantNames(tenant).namespace())
        .addToLabels("app", "k0smotron").addToLabels("cluster", tenant).addToLabels("component", component)
        .addToLabels(Labels.CLUSTER_NAME, tenant).endMetadata()
        .withNewSpec().addNewContainer().withName(component.equals("etcd") ? "etcd" : "controller")
        .withImage(component.equals("etcd") ? "quay.io/k0sproject/etcd:v3.7.1" : "quay.io/k0sproject/k0s:v1.32.8-k0s.0")
        .endContainer().endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewCondition().withType("ContainersReady").withStatus("True").endCondition().endStatus()
        .build();
  }

  private static Secret kubeconfig(String tenant) {
    TenantNames names = new TenantNames(tenant);
    String value = Base64.getEncoder().encodeToString(("apiVersion: v1\nkind: Config\nclusters:\n- name: " + tenant
        + "-k0s\n  cluster:\n    server: https://172.18.0.2:31443\n" + "x".repeat(1500)).getBytes());
    return new SecretBuilder().withNewMetadata().withName(names.kubeconfigSecret()).withNamespace(names.namespace())
        .addToLabels(Labels.CLUSTER_NAME, tenant).endMetadata()
        .withType("cluster.x-k8s.io/secret").addToData("value", value).build();
  }
}
