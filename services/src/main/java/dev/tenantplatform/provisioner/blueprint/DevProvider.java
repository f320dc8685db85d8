package dev.tenantplatform.provisioner.blueprint;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import java.util.Map;

/**
 * CAPD's DevCluster and DevMachineTemplate, the successors of the Docker kinds, with the Docker backend:
 * the same kindest/node containers, the Docker fields moved under {@code backend.docker}, which the CRDs
 * require (k0smotron-capi.md §9).
 */
public final class DevProvider implements InfrastructureProvider {

  public static final String NAME = "dev";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KubeKind clusterKind() {
    return Kinds.DEV_CLUSTER;
  }

  @Override
  public Map<String, Object> clusterSpec() {
    return Spec.of("backend", Spec.of("docker", Spec.of()));
  }

  @Override
  public KubeKind machineTemplateKind() {
    return Kinds.DEV_MACHINE_TEMPLATE;
  }

  @Override
  public Map<String, Object> machineSpec(BlueprintConfig config) {
    return Spec.of("backend", Spec.of("docker", Spec.of("customImage", config.workerImage())));
  }
}
