package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Violation;
import dev.tenantplatform.kube.NodePortAllocator;
import dev.tenantplatform.kube.NodePortsExhaustedException;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import io.vertx.core.Future;

/** The management cluster's NodePort pairs, as the provisioner needs them. */
final class PortBook {

  private final NodePortAllocator allocator;

  PortBook(NodePortAllocator allocator) {
    this.allocator = allocator;
  }

  /** The tenant's pair, the same on every call; a full range refuses the request. */
  Future<NodePorts> allocate(String tenant) {
    return allocator.allocate(tenant)
        .map(pair -> new NodePorts(pair.apiPort(), pair.konnectivityPort()))
        .recover(e -> Future.failedFuture(e instanceof NodePortsExhaustedException full
            ? new RequestRefusedException(new Violation("cluster.serviceType", full.getMessage()))
            : e));
  }

  Future<Void> release(String tenant) {
    return allocator.release(tenant).mapEmpty();
  }
}
