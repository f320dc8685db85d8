package dev.tenantplatform.watcher.state;

/**
 * The tenant's ClusterResourceSetBinding ({@code k0smotron-capi.md} §7). CAPI creates it, with an empty entry,
 * before the workload API is reachable, so only the resource's own {@code applied} flag says Calico is in.
 *
 * @param calicoApplied whether the entry of the {@code calico} ClusterResourceSet shows the {@code calico}
 *     ConfigMap {@code applied: true}
 */
public record BindingView(boolean calicoApplied) {
}
