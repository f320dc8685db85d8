package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    Instant fast = text == null ? null : utcMillis(text);
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

  /**
   * The spellings the platform writes, {@code 2026-01-02T03:04:05.678Z} and the SDK's shorter
   * {@code 2026-01-02T03:04:05.67Z} or {@code 2026-01-02T03:04:05Z} (it drops a fraction's trailing zeros), read
   * without the general parser; {@code null} for any other spelling, which the general parser then reads or
   * refuses.
   */
  static Instant utcMillis(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || length == 21 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z' || length > 20 && text.charAt(19) != '.') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length == 20 ? 0 : digits(text, 20, length - 1);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
      return null;
    }
    int nanos = fraction;
    for (int i = length - 1; i < 29; i++) {
      nanos *= 10;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, length == 20 ? 0 : nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
