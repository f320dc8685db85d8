package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The attributes of a lifecycle event's CloudEvent, read from the envelope already parsed, with the checks
 * the CloudEvents SDK's JSON format makes (a URI-reference source, an RFC 3339 time, scalar extensions, JSON
 * data). Events are read in bulk — by the ledger's restore, the API's projection, a replay of millions — so
 * they are not parsed a second time by the SDK, as the rarer requests are.
 *
 * @param id the CloudEvent id
 * @param subject the subject, or {@code null}
 * @param time when it happened
 * @param data the envelope's own {@code data} object (not a copy: the envelope is the caller's)
 */
record EventAttributes(String id, String subject, Instant time, ObjectNode data) {

  /** Reads the attributes of {@code envelope}, whose mandatory attributes have been checked. */
  static EventAttributes read(ObjectNode envelope, CodecFailure fail) {
    for (Iterator<Map.Entry<String, JsonNode>> it = envelope.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> attribute = it.next();
      if (!"data".equals(attribute.getKey()) && !attribute.getValue().isValueNode()) {
        throw fail.with(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is not a valid CloudEvent: attribute '"
            + attribute.getKey() + "' is " + attribute.getValue().getNodeType().toString().toLowerCase(
            Locale.ROOT) + ", where CloudEvent attributes are strings, numbers or booleans");
      }
    }
    String source = envelope.get("source").asText();
    try {
      new URI(source);
    } catch (URISyntaxException e) {
      throw fail.with(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is not a valid CloudEvent: source '"
          + source + "' is not a URI-reference");
    }
    JsonNode subject = envelope.get("subject");
    if (subject != null && !subject.isTextual()) {
      throw fail.with(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is not a valid CloudEvent: subject must be"
          + " a string");
    }
    JsonNode time = envelope.get("time");
    if (time == null || time.isNull()) {
      throw fail.with(DeadLetterReason.NOT_A_CLOUDEVENT, "the CloudEvent has no time: every lifecycle event and kubeconfig read"
          + " carries when it happened");
    }
    return new EventAttributes(envelope.get("id").asText(), subject == null ? null : subject.asText(),
        time(time, fail), data(envelope, fail));
  }

  private static Instant time(JsonNode node, CodecFailure fail) {
    String text = node.isTextual() ? node.asText() : null;
    Instant fast = text == null ? null : UtcTime.read(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(String.valueOf(text), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw fail.with(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is not a valid CloudEvent: time " + node
          + " is not an RFC 3339 timestamp (2026-01-02T03:04:05.678Z)");
    }
  }



  private static ObjectNode data(ObjectNode envelope, CodecFailure fail) {
    JsonNode contentType = envelope.get("datacontenttype");
    String type = contentType == null ? CloudEventCodec.DATA_CONTENT_TYPE : contentType.asText();
    JsonNode data = envelope.get("data");
    if (envelope.has("data_base64") || !isJson(type)) {
      throw fail.with(DeadLetterReason.BAD_DATA, "data must be a JSON object with datacontenttype "
          + CloudEventCodec.DATA_CONTENT_TYPE + ", got encoded data with datacontenttype " + type);
    }
    if (data == null || data.isNull()) {
      throw fail.with(DeadLetterReason.BAD_DATA, "the CloudEvent has no data: put the event in data, a JSON"
          + " object");
    }
    if (!(data instanceof ObjectNode object)) {
      throw fail.with(DeadLetterReason.BAD_DATA, "data must be a JSON object with datacontenttype "
          + CloudEventCodec.DATA_CONTENT_TYPE + ", got " + data.getNodeType().toString().toLowerCase(
          Locale.ROOT));
    }
    return object;
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("+json") || base.equals("text/json");
  }

  /** Makes the codec's exception, with what could be read of the record. */
  interface CodecFailure {
    CodecException with(DeadLetterReason reason, String message);
  }
}
