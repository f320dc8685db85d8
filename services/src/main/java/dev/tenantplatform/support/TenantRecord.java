package dev.tenantplatform.support;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;

/**
 * A tenant as its event chain tells it: enough for the provisioner to judge the next request (does the
 * tenant exist, what spec was last accepted) and for the ledger to go on with the chain.
 *
 * @param head the last sealed event
 * @param spec the last accepted cluster spec, with defaults resolved; null when none was ever accepted
 * @param lastType the type of the last event
 */
public record TenantRecord(String tenant, ChainHead head, ClusterSpec spec, EventType lastType) {

  /** Accepted and neither being deleted nor deleted. */
  public boolean live() {
    return spec != null && lastType != EventType.TENANT_DELETING && lastType != EventType.TENANT_DELETED;
  }
}
