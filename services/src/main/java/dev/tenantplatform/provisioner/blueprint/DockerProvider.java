package dev.tenantplatform.provisioner.blueprint;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import java.util.Map;

/**
 * CAPD's DockerCluster and DockerMachineTemplate, the seed's provider: workers are kindest/node containers.
 * Deprecated upstream in CAPI v1.14 and removed in v1.15 in favour of {@link DevProvider}.
 */
public final class DockerProvider implements InfrastructureProvider {

  public static final String NAME = "docker";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KubeKind clusterKind() {
    return Kinds.DOCKER_CLUSTER;
  }

  /** Nothing required: with the managed-by annotation CAPD leaves it, and its load balancer, alone. */
  @Override
  public Map<String, Object> clusterSpec() {
    return Spec.of();
  }

  @Override
  public KubeKind machineTemplateKind() {
    return Kinds.DOCKER_MACHINE_TEMPLATE;
  }

  @Override
  public Map<String, Object> machineSpec(BlueprintConfig config) {
    return Spec.of("customImage", config.workerImage());
  }
}
