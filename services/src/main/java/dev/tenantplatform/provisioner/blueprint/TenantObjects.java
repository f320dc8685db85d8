package dev.tenantplatform.provisioner.blueprint;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;

/**
 * The nine objects that make one tenant's cluster, as the management cluster should hold them.
 *
 * @param infrastructureCluster DockerCluster or DevCluster, after the request's {@code infrastructure}
 * @param machineTemplate DockerMachineTemplate or DevMachineTemplate, named after a hash of its spec
 * @param workerConfigTemplate K0sWorkerConfigTemplate, named after a hash of its spec
 */
public record TenantObjects(Namespace namespace, ConfigMap calicoConfigMap,
    GenericKubernetesResource calicoResourceSet, GenericKubernetesResource cluster,
    GenericKubernetesResource infrastructureCluster, GenericKubernetesResource controlPlane,
    GenericKubernetesResource machineTemplate, GenericKubernetesResource workerConfigTemplate,
    GenericKubernetesResource machineDeployment) {

  /**
   * Every object, in the order to apply them: the namespace first, the Calico resources before the Cluster
   * they select, and the immutable templates before the MachineDeployment that points at them, so a renamed
   * template exists by the time the MachineDeployment rolls over to it.
   */
  public List<HasMetadata> inApplyOrder() {
    return List.of(namespace, calicoConfigMap, calicoResourceSet, cluster, infrastructureCluster, controlPlane,
        machineTemplate, workerConfigTemplate, machineDeployment);
  }

  /**
   * The first objects of {@link #inApplyOrder}: the namespace and the Calico resources. Nothing acts on them
   * until the Cluster they select exists, and they depend on nothing the request may still be refused for.
   */
  public List<HasMetadata> groundwork() {
    return List.of(namespace, calicoConfigMap, calicoResourceSet);
  }

  /** The rest of {@link #inApplyOrder}, from the Cluster on: what the controllers and the watcher act on. */
  public List<HasMetadata> fromCluster() {
    return List.of(cluster, infrastructureCluster, controlPlane, machineTemplate, workerConfigTemplate,
        machineDeployment);
  }
}
