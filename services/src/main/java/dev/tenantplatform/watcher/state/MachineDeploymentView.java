package dev.tenantplatform.watcher.state;

/**
 * What the state needs of a tenant's MachineDeployment ({@code k0smotron-capi.md} §8).
 *
 * @param desiredReplicas {@code spec.replicas}
 * @param version {@code spec.template.spec.version}, the machines' Kubernetes version
 * @param readyReplicas {@code status.readyReplicas}
 */
public record MachineDeploymentView(int desiredReplicas, String version, int readyReplicas) {
}
