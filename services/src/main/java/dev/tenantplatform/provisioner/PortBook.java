package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Violation;
import dev.tenantplatform.kube.NodePortAllocator;
import dev.tenantplatform.kube.NodePortsExhaustedException;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import io.vertx.core.Future;

/**
 * The management cluster's NodePort pairs, as the provisioner needs them. Not final: a test stands in for the
 * API to make a pair that looked free be taken by another instance at the last moment.
 */
class PortBook {

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

  /**
   * Whether {@link #allocate} would give the tenant a pair, as far as this instance knows without asking the
   * API: false when unsure. Another instance may still take the last pair first.
   */
  boolean likelyAllocates(String tenant) {
    return allocator.hasRoomFor(tenant);
  }

  Future<Void> release(String tenant) {
    return allocator.release(tenant).mapEmpty();
  }

  /** Starts the allocator's watches; the book is theirs to close. */
  Future<Void> start() {
    return allocator.start();
  }

  void close() {
    allocator.close();
  }
}
