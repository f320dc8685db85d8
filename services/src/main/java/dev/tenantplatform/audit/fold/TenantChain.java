package dev.tenantplatform.audit.fold;

/**
 * What the verification saw of one tenant's chain.
 *
 * @param tenant whose chain
 * @param events how many of its events were checked
 * @param first the sequence the check started from: 1, or the first event inside a window that starts late
 * @param last the highest sequence seen
 * @param finding the chain's first break, or null when it is intact
 */
public record TenantChain(String tenant, long events, long first, long last, Finding finding) {

  public boolean intact() {
    return finding == null;
  }

  /** Whether the check started inside the chain, trusting the link of its first event. */
  public boolean anchored() {
    return first > 1;
  }
}
