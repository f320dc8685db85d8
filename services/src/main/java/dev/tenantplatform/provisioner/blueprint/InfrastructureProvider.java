package dev.tenantplatform.provisioner.blueprint;

import dev.tenantplatform.kube.KubeKind;
import java.util.Map;

/**
 * A CAPI infrastructure provider for the tenant's worker machines, picked by the request's
 * {@code infrastructure}. It contributes two objects: the infrastructure cluster the CAPI Cluster points at
 * (k0smotron, not the provider, reconciles it: the blueprint marks it {@code managed-by}) and the machine
 * template the MachineDeployment clones. Adding a provider is one implementation of this interface, handed to
 * {@link ClusterBlueprint}.
 */
public interface InfrastructureProvider {

  /** The request's {@code infrastructure} value, such as {@code docker}. */
  String name();

  KubeKind clusterKind();

  /** The infrastructure cluster's {@code spec}; k0smotron fills in {@code controlPlaneEndpoint} itself. */
  Map<String, Object> clusterSpec();

  KubeKind machineTemplateKind();

  /** The machine template's {@code spec.template.spec}: what every worker machine is made from. */
  Map<String, Object> machineSpec(BlueprintConfig config);
}
