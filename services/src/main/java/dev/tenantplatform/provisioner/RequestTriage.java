package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.CodecException;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.RequestEnvelope;
import dev.tenantplatform.events.RequestRecord;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import dev.tenantplatform.support.TenantRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a record of {@code tenant.requests}: unreadable, invalid, redelivered, or a create, update or
 * delete to carry out. No I/O: what the log knows about the tenant is given.
 */
final class RequestTriage {

  private final CloudEventCodec codec;
  private final RequestValidator validator;
  private final int maxTenants;

  RequestTriage(CloudEventCodec codec, RequestValidator validator, int maxTenants) {
    this.codec = codec;
    this.validator = validator;
    this.maxTenants = maxTenants;
  }

  /**
   * Step one: read the record; a record that cannot be read is a dead letter at once, and the record of a
   * kubeconfig read (the API's, kept on the same log for the audit) asks nothing of the provisioner.
   */
  Read read(byte[] value) {
    try {
      RequestRecord read = codec.decodeRequestRecord(value);
      return read instanceof RequestEnvelope envelope ? new Read(envelope, null) : Read.NOTHING_TO_DO;
    } catch (CodecException e) {
      return new Read(null, new Verdict.DeadLetter(e.reason(), e.getMessage(), e.tenant().orElse(null),
          e.requestId().orElse(null), List.of()));
    }
  }

  /** A record read: its envelope, the dead letter it makes, or neither when it asks nothing. */
  record Read(RequestEnvelope envelope, Verdict.DeadLetter deadLetter) {

    static final Read NOTHING_TO_DO = new Read(null, null);

    boolean asksNothing() {
      return envelope == null && deadLetter == null;
    }


    Optional<String> tenant() {
      return envelope == null ? Optional.empty() : Optional.ofNullable(envelope.request().tenant());
    }
  }

  /**
   * Step two: judge a readable request against what the log says about its tenant.
   *
   * @param record the tenant's record, empty when the log never heard of it
   * @param earlier the outcome the tenant's chain already holds for this request, if any (a redelivery)
   * @param liveTenants how many tenants exist now
   * @param receivedAt when the platform received it, used when the request carries no time
   */
  Verdict judge(RequestEnvelope envelope, Optional<TenantRecord> record, Optional<EventType> earlier,
      int liveTenants, Instant receivedAt) {
    TenantRequest request = envelope.request();
    Instant requestedAt = envelope.time() != null ? envelope.time() : receivedAt;
    if (earlier.isPresent()) {
      return new Verdict.Redelivered(request, earlier.get(), requestedAt);
    }
    ClusterSpec current = record.filter(TenantRecord::live).map(TenantRecord::spec).orElse(null);
    List<Violation> violations = new ArrayList<>(validator.validate(request, current));
    if (!violations.isEmpty()) {
      return invalid(request, violations);
    }
    return switch (request.action()) {
      case CREATE -> create(request, current, liveTenants, requestedAt);
      case UPDATE -> current == null
          ? invalid(request, List.of(unknownTenant(request, "update")))
          : new Verdict.Update(request, request.cluster().over(current), current, requestedAt);
      case DELETE -> current == null
          ? invalid(request, List.of(unknownTenant(request, "delete")))
          : new Verdict.Delete(request, current, requestedAt);
    };
  }

  private Verdict create(TenantRequest request, ClusterSpec current, int liveTenants, Instant requestedAt) {
    if (current != null) {
      return invalid(request, List.of(new Violation("tenant", "tenant '" + request.tenant()
          + "' already has a cluster: send an update to change it, or delete it first")));
    }
    if (liveTenants >= maxTenants) {
      return invalid(request, List.of(new Violation("tenant", "quota exceeded: the platform holds " + liveTenants
          + " tenants, its limit is " + maxTenants + "; offboard a tenant or raise the limit"
          + " (provisioner maxTenants)")));
    }
    return new Verdict.Create(request, request.cluster().withDefaults(), requestedAt);
  }

  private static Violation unknownTenant(TenantRequest request, String verb) {
    return new Violation("tenant", "tenant '" + request.tenant() + "' has no cluster to " + verb
        + (request.action() == Action.UPDATE ? ": create it first" : ": it was never created or is already deleted"));
  }

  private static Verdict.DeadLetter invalid(TenantRequest request, List<Violation> violations) {
    return new Verdict.DeadLetter(DeadLetterReason.INVALID, Violation.summary(violations), request.tenant(),
        request.requestId(), List.copyOf(violations));
  }
}
