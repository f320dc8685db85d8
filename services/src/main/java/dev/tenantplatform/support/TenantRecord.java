package dev.tenantplatform.support;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;

/**
 * A tenant as its event chain tells it: enough for the provisioner to judge the next request (does the
 * tenant exist, what spec was last accepted) and for the ledger to go on with the chain.
 *
 * @param head the last sealed event
 * @param spec the last accepted cluster spec, with defaults resolved; null when none was ever accepted
 * @param lifecycle folded from the chain: {@code tenant.accepted} of a create makes it LIVE,
 *     {@code tenant.deleting} DELETING, {@code tenant.deleted} DELETED; other events leave it unchanged
 */
public record TenantRecord(String tenant, ChainHead head, ClusterSpec spec, Lifecycle lifecycle) {

  public enum Lifecycle { NONE, LIVE, DELETING, DELETED }

  public boolean live() {
    return lifecycle == Lifecycle.LIVE;
  }
}
