package dev.tenantplatform.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A decoded tenant request with what its CloudEvent says about it.
 *
 * @param request the request
 * @param source who produced it (the CloudEvent's {@code source})
 * @param time when it was made (the CloudEvent's {@code time}), {@code null} when the producer left it out;
 *     the provisioner then uses the Kafka record's timestamp
 */
public record RequestEnvelope(TenantRequest request, URI source, Instant time) implements RequestRecord {

  public RequestEnvelope {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(source, "source");
  }
}
