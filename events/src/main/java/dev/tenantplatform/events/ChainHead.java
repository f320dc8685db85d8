package dev.tenantplatform.events;

import java.util.Objects;

/**
 * Where a tenant's chain stands: the sequence and hash of its last event. The ledger keeps one per tenant and
 * restores it from the log when it takes the tenant over.
 *
 * @param tenant whose chain
 * @param sequence of the last event, 0 before the first
 * @param hash of the last event, {@link HashChain#GENESIS} before the first
 */
public record ChainHead(String tenant, long sequence, String hash) {

  public ChainHead {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(hash, "hash");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is negative");
    }
  }

  /** The head of a tenant without events. */
  public static ChainHead genesis(String tenant) {
    return new ChainHead(tenant, 0, HashChain.GENESIS);
  }

  /** The head after {@code sealed}. */
  public static ChainHead of(TenantEvent sealed) {
    if (!sealed.isSealed()) {
      throw new IllegalArgumentException("a " + sealed.type() + " event of " + sealed.tenant()
          + " is not sealed: seal it with HashChain.next first");
    }
    return new ChainHead(sealed.tenant(), sealed.sequence(), sealed.hash());
  }
}
