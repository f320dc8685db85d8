package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The CloudEvent attributes of a request: read from the envelope already parsed when the record is plain — the
 * spelling the platform and its clients write — or taken from the CloudEvents SDK's own reading otherwise.
 *
 * <p>Plain means only attributes whose checks are simple to make here (the mandatory ones, checked by the
 * codec; {@code subject}, {@code time} and {@code datacontenttype} as strings; {@code data} an object), a source
 * that is a URI, a time in the spelling {@code 2026-01-02T03:04:05.678Z} and a JSON content type. Anything else
 * — an extension, a {@code dataschema}, base64 data, another time spelling, a wrong type — goes through the
 * SDK, so that what it refuses is refused with its words, and what it reads is read as it reads it: a bad
 * record gets the same reason and message either way. A replay of millions of records then parses each request
 * once.
 *
 * @param id the CloudEvent id
 * @param subject the subject, or {@code null}
 * @param source who produced the request
 * @param time when it was made, or {@code null}
 * @param data the request's data: the envelope's own object on the plain path, a copy from the SDK's otherwise
 */
record RequestAttributes(String id, String subject, URI source, Instant time, ObjectNode data) {

  private static final Set<String> PLAIN = Set.of("specversion", "id", "source", "type", "subject", "time",
      "datacontenttype", "data");

  /** The attributes of {@code envelope} when it is plain (see the class comment), else {@code null}. */
  static RequestAttributes plain(ObjectNode envelope) {
    for (Iterator<Map.Entry<String, JsonNode>> it = envelope.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> attribute = it.next();
      boolean data = "data".equals(attribute.getKey());
      if (!PLAIN.contains(attribute.getKey()) || data != attribute.getValue().isObject()
          || !data && !attribute.getValue().isTextual()) {
        return null;
      }
    }
    JsonNode contentType = envelope.get("datacontenttype");
    if (contentType != null && !CloudEventCodec.DATA_CONTENT_TYPE.equals(contentType.textValue())
        || !envelope.has("data")) {
      return null;
    }
    URI source;
    try {
      source = new URI(envelope.get("source").textValue());
    } catch (URISyntaxException e) {
      return null;
    }
    JsonNode timeNode = envelope.get("time");
    Instant time = timeNode == null ? null : UtcTime.read(timeNode.textValue());
    if (timeNode != null && time == null) {
      return null;
    }
    JsonNode subject = envelope.get("subject");
    return new RequestAttributes(envelope.get("id").textValue(), subject == null ? null : subject.textValue(),
        source, time, (ObjectNode) envelope.get("data"));
  }

  /** The attributes of an event the SDK read; its data must be a JSON object. */
  static RequestAttributes of(CloudEvent event, EventAttributes.CodecFailure fail) {
    if (event.getData() == null) {
      throw fail.with(DeadLetterReason.BAD_DATA, "the CloudEvent has no data: put the request in data, a JSON"
          + " object");
    }
    if (!(event.getData() instanceof JsonCloudEventData json) || !(json.getNode() instanceof ObjectNode object)) {
      String got = event.getData() instanceof JsonCloudEventData other
          ? other.getNode().getNodeType().toString().toLowerCase(Locale.ROOT)
          : "encoded data with datacontenttype " + event.getDataContentType();
      throw fail.with(DeadLetterReason.BAD_DATA, "data must be a JSON object with datacontenttype "
          + CloudEventCodec.DATA_CONTENT_TYPE + ", got " + got);
    }
    return new RequestAttributes(event.getId(), event.getSubject(), event.getSource(),
        event.getTime() == null ? null : event.getTime().toInstant(), object.deepCopy());
  }
}
