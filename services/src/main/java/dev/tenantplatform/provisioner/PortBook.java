package dev.tenantplatform.provisioner;

import dev.tenantplatform.provisioner.blueprint.NodePorts;
import io.vertx.core.Future;

/** The NodePort pairs of the management cluster, as the provisioner needs them. */
interface PortBook {

  /** The tenant's pair, the same on every call; fails with {@link RequestRefusedException} when none is left. */
  Future<NodePorts> allocate(String tenant);

  Future<Void> release(String tenant);
}
