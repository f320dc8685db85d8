package dev.tenantplatform.events;

import java.util.Objects;
import java.util.Optional;

/**
 * A record that cannot be decoded, with a reason a person can act on. Where the record was readable enough,
 * it also tells the tenant and the request id it names, so that the provisioner can still emit
 * {@code tenant.rejected} for that tenant. Both are what the record says, not validated: emit the event only
 * when {@link RequestValidator#isTenantName(String)} accepts the name.
 */
public final class CodecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;
  private final String tenant;
  private final String requestId;

  public CodecException(DeadLetterReason reason, String message, String tenant, String requestId) {
    this(reason, message, tenant, requestId, null);
  }

  public CodecException(DeadLetterReason reason, String message, String tenant, String requestId,
      Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.tenant = tenant;
    this.requestId = requestId;
  }

  /** The kind of failure, for the dead-letter header and metric label. */
  public DeadLetterReason reason() {
    return reason;
  }

  /** The tenant the record names, when it could be read. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The request id the record carries, when it could be read. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
