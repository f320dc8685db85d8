package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import java.util.List;

/**
 * A valid request the management cluster cannot take (no NodePort pair left, for instance): refused like
 * an invalid one, with {@code tenant.rejected} and a dead letter, before anything is accepted.
 */
final class RequestRefusedException extends RuntimeException {

  private final Violation violation;

  RequestRefusedException(Violation violation) {
    super(violation.reason());
    this.violation = violation;
  }

  Verdict.DeadLetter deadLetter(TenantRequest request) {
    return new Verdict.DeadLetter(DeadLetterReason.INVALID, violation.reason(), request.tenant(),
        request.requestId(), List.of(violation));
  }
}
