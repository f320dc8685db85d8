package dev.tenantplatform.kube;

import java.util.List;
import java.util.Optional;

/**
 * The custom kinds of Cluster API, its Docker/Dev infrastructure provider and k0smotron that the
 * platform writes or watches. Two kinds are named {@code Cluster}: always use the constant, never the
 * bare kind name.
 */
public final class Kinds {

  public static final String CAPI = "cluster.x-k8s.io";
  public static final String ADDONS = "addons.cluster.x-k8s.io";
  public static final String INFRASTRUCTURE = "infrastructure.cluster.x-k8s.io";
  public static final String CONTROL_PLANE = "controlplane.cluster.x-k8s.io";
  public static final String BOOTSTRAP = "bootstrap.cluster.x-k8s.io";
  public static final String K0SMOTRON = "k0smotron.io";
  public static final String V1BETA2 = "v1beta2";

  public static final KubeKind CLUSTER = kind(CAPI, "Cluster", "clusters");
  public static final KubeKind MACHINE_DEPLOYMENT = kind(CAPI, "MachineDeployment", "machinedeployments");
  public static final KubeKind MACHINE_SET = kind(CAPI, "MachineSet", "machinesets");
  public static final KubeKind MACHINE = kind(CAPI, "Machine", "machines");
  public static final KubeKind CLUSTER_RESOURCE_SET = kind(ADDONS, "ClusterResourceSet", "clusterresourcesets");
  public static final KubeKind CLUSTER_RESOURCE_SET_BINDING =
      kind(ADDONS, "ClusterResourceSetBinding", "clusterresourcesetbindings");
  public static final KubeKind DOCKER_CLUSTER = kind(INFRASTRUCTURE, "DockerCluster", "dockerclusters");
  public static final KubeKind DOCKER_MACHINE_TEMPLATE =
      kind(INFRASTRUCTURE, "DockerMachineTemplate", "dockermachinetemplates");
  public static final KubeKind DOCKER_MACHINE = kind(INFRASTRUCTURE, "DockerMachine", "dockermachines");
  public static final KubeKind DEV_CLUSTER = kind(INFRASTRUCTURE, "DevCluster", "devclusters");
  public static final KubeKind DEV_MACHINE_TEMPLATE =
      kind(INFRASTRUCTURE, "DevMachineTemplate", "devmachinetemplates");
  public static final KubeKind DEV_MACHINE = kind(INFRASTRUCTURE, "DevMachine", "devmachines");
  public static final KubeKind K0SMOTRON_CONTROL_PLANE =
      kind(CONTROL_PLANE, "K0smotronControlPlane", "k0smotroncontrolplanes");
  public static final KubeKind K0S_WORKER_CONFIG_TEMPLATE =
      kind(BOOTSTRAP, "K0sWorkerConfigTemplate", "k0sworkerconfigtemplates");
  public static final KubeKind K0S_WORKER_CONFIG = kind(BOOTSTRAP, "K0sWorkerConfig", "k0sworkerconfigs");
  /** k0smotron's own {@code Cluster}, created by the control-plane controller; not the CAPI Cluster. */
  public static final KubeKind K0SMOTRON_CLUSTER = kind(K0SMOTRON, "Cluster", "clusters");

  /** Every custom kind, in the order an API server would list their groups. */
  public static final List<KubeKind> ALL = List.of(
      CLUSTER, MACHINE_DEPLOYMENT, MACHINE_SET, MACHINE,
      CLUSTER_RESOURCE_SET, CLUSTER_RESOURCE_SET_BINDING,
      DOCKER_CLUSTER, DOCKER_MACHINE_TEMPLATE, DOCKER_MACHINE,
      DEV_CLUSTER, DEV_MACHINE_TEMPLATE, DEV_MACHINE,
      K0SMOTRON_CONTROL_PLANE, K0S_WORKER_CONFIG_TEMPLATE, K0S_WORKER_CONFIG,
      K0SMOTRON_CLUSTER);

  private Kinds() {
  }

  /** The custom kind with this {@code apiVersion} and {@code kind}, if the platform knows it. */
  public static Optional<KubeKind> find(String apiVersion, String kind) {
    return ALL.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
  }

  private static KubeKind kind(String group, String kind, String plural) {
    return new KubeKind(group, V1BETA2, kind, plural, true);
  }
}
