package dev.tenantplatform.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;

/**
 * Reads the record of a lifecycle event with Jackson's streaming parser, building no tree of the envelope: the
 * fast way through the records the platform writes, which a replay reads by the million.
 *
 * <p>It reads only what is plain: the attributes {@code specversion}, {@code id}, {@code source}, {@code type},
 * {@code subject}, {@code time} and {@code datacontenttype} as strings, each once, and {@code data} an object
 * holding the chain fields; a time in UTC ({@code 2026-01-02T03:04:05.678Z}), a JSON content type, a known
 * type, a source that is a URI. Whatever else a record holds — an extension, a repeated name, another time
 * spelling, a value of another type, anything that fails a check — it leaves to the codec's reading through the
 * tree, which reads it or refuses it with the reason and message it always gave. For a record it reads, the
 * event is the one that reading gives.
 */
final class PlainEventReader {

  private static final JsonFactory FACTORY = new JsonFactory();
  // The codec's settings for numbers, so that a nested value is the node the codec's own parse makes; trailing
  // tokens are the envelope's rest here.
  private static final ObjectMapper VALUES = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The last source found to be a URI, shared by all threads: a stale or lost value only costs a parse. */
  private static volatile String lastUri = "";

  private PlainEventReader() {
  }

  /** The event in {@code record}, or {@code null} when the record is not plain (see the class comment). */
  static TenantEvent read(byte[] record) {
    if (record == null || record.length == 0) {
      return null;
    }
    try (JsonParser parser = FACTORY.createParser(record)) {
      Fields fields = new Fields();
      if (parser.nextToken() != JsonToken.START_OBJECT || !envelope(parser, fields)
          || parser.nextToken() != null) {
        return null;
      }
      return fields.event();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Reads the envelope's fields up to its end; false at the first that is not plain. */
  private static boolean envelope(JsonParser parser, Fields fields) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      if ("data".equals(name)) {
        if (value != JsonToken.START_OBJECT || fields.data != null) {
          return false;
        }
        fields.data = JsonNodeFactory.instance.objectNode();
        if (!data(parser, fields)) {
          return false;
        }
      } else if (value != JsonToken.VALUE_STRING || !fields.attribute(name, parser.getText())) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  /** Reads the data object: its chain fields aside, every other value into {@code fields.data}. */
  private static boolean data(JsonParser parser, Fields fields) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      if (TenantEvent.CHAIN_KEYS.contains(name)) {
        if (!fields.chain(name, parser, token)) {
          return false;
        }
      } else if (fields.data.replace(name, value(parser, token)) != null) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.instance;
      case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? VALUES.readTree(parser) : LongNode.valueOf(parser.getLongValue());
      default -> VALUES.readTree(parser);
    };
  }

  /** What was read so far. */
  private static final class Fields {
    /** The attributes read, at their index in {@link #ATTRIBUTES}. */
    private static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject",
        "time", "datacontenttype");
    /** The chain fields that are strings, at their index in {@link #CHAIN_TEXT}. */
    private static final List<String> CHAIN_TEXT = List.of("tenant", "requestId", "previousHash", "hash");

    private final String[] attributes = new String[ATTRIBUTES.size()];
    private final String[] chain = new String[CHAIN_TEXT.size()];
    private ObjectNode data;
    private long sequence;

    /** Takes an attribute; false for one not plain, or seen before. */
    boolean attribute(String name, String value) {
      int at = ATTRIBUTES.indexOf(name);
      if (at < 0 || attributes[at] != null) {
        return false;
      }
      attributes[at] = value;
      return true;
    }

    /** Takes a chain field: a non-empty string, or a sequence from 1 that fits a long; each once. */
    boolean chain(String name, JsonParser parser, JsonToken token) throws IOException {
      if ("sequence".equals(name)) {
        if (token != JsonToken.VALUE_NUMBER_INT || sequence != 0
            || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return false;
        }
        sequence = parser.getLongValue();
        return sequence >= 1;
      }
      int at = CHAIN_TEXT.indexOf(name);
      if (token != JsonToken.VALUE_STRING || parser.getTextLength() == 0 || chain[at] != null) {
        return false;
      }
      chain[at] = parser.getText();
      return true;
    }

    /** The event, or null when a check fails (the codec's reading then says which). */
    TenantEvent event() {
      String id = attributes[1];
      String source = attributes[2];
      String type = attributes[3];
      String subject = attributes[4];
      String contentType = attributes[6];
      String tenant = chain[0];
      if (!"1.0".equals(attributes[0]) || isEmpty(id) || isEmpty(source) || isEmpty(type) || attributes[5] == null
          || data == null || sequence == 0 || tenant == null || chain[1] == null || chain[2] == null
          || chain[3] == null || contentType != null && !CloudEventCodec.DATA_CONTENT_TYPE.equals(contentType)
          || subject != null && !subject.equals(tenant)) {
        return null;
      }
      EventType eventType = EventType.byCeType(type).orElse(null);
      Instant at = EventAttributes.utcMillis(attributes[5]);
      if (eventType == null || at == null || !isUri(source)) {
        return null;
      }
      return new TenantEvent(id, eventType, tenant, sequence, chain[2], chain[3], chain[1], at, data);
    }

    private static boolean isEmpty(String value) {
      return value == null || value.isEmpty();
    }

    private static boolean isUri(String value) {
      // Nearly every event of a log comes from the same few sources: the last one found good is not parsed again.
      if (value.equals(lastUri)) {
        return true;
      }
      try {
        new URI(value);
        lastUri = value;
        return true;
      } catch (URISyntaxException e) {
        return false;
      }
    }
  }
}
