package dev.tenantplatform.events;

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
import java.util.List;

/**
 * Reads the record of a lifecycle event with Jackson's streaming parser, building no tree of the envelope: the
 * fast way through the records the platform writes, which a replay reads by the million.
 *
 * <p>It reads only what is plain: an envelope as {@link PlainEnvelope} reads it (the attributes
 * {@code specversion}, {@code id}, {@code source}, {@code type}, {@code subject}, {@code time} and
 * {@code datacontenttype} as strings, each once; a time in UTC, {@code 2026-01-02T03:04:05.678Z}; the content
 * type {@code application/json}; a source that is a URI) with a time and a known type, and {@code data} an
 * object holding the chain fields. Whatever else a record holds — an extension, a repeated name, another time
 * spelling, a value of another type, anything that fails a check — it leaves to the codec's reading through the
 * tree, which reads it or refuses it with the reason and message it always gave. For a record it reads, the
 * event is the one that reading gives.
 */
final class PlainEventReader {

  // The codec's settings for numbers, so that a nested value is the node the codec's own parse makes; trailing
  // tokens are the envelope's rest here.
  private static final ObjectMapper VALUES = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private PlainEventReader() {
  }

  /** The event in {@code record}, or {@code null} when the record is not plain (see the class comment). */
  static TenantEvent read(byte[] record) {
    Fields fields = new Fields();
    return PlainEnvelope.read(record, parser -> data(parser, fields), fields::event);
  }

  /** Reads the data object: its chain fields aside, every other value into {@code fields.data}. */
  private static boolean data(JsonParser parser, Fields fields) throws IOException {
    fields.data = JsonNodeFactory.instance.objectNode();
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
    /** The chain fields that are strings, at their index in {@link #CHAIN_TEXT}. */
    private static final List<String> CHAIN_TEXT = List.of("tenant", "requestId", "previousHash", "hash");

    private final String[] chain = new String[CHAIN_TEXT.size()];
    private ObjectNode data;
    private long sequence;

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
    TenantEvent event(PlainEnvelope envelope) {
      String tenant = chain[0];
      String subject = envelope.subject();
      if (envelope.time() == null || sequence == 0 || tenant == null || chain[1] == null || chain[2] == null
          || chain[3] == null || subject != null && !subject.equals(tenant)) {
        return null;
      }
      EventType eventType = EventType.byCeType(envelope.type()).orElse(null);
      return eventType == null ? null : new TenantEvent(envelope.id(), eventType, tenant, sequence, chain[2],
          chain[3], chain[1], envelope.time(), data);
    }
  }
}
