package dev.tenantplatform.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;

/**
 * The CloudEvent envelope of a plain record, read with Jackson's streaming parser for {@link PlainEventReader}
 * and {@link PlainRequestReader}: what the two agree "plain" means outside {@code data}.
 *
 * <p>That is: the attributes {@code specversion}, {@code id}, {@code source}, {@code type}, {@code subject},
 * {@code time} and {@code datacontenttype} as strings, each once; {@code data} an object, once, which the reader
 * of the record's kind reads itself; nothing after the envelope. Specversion {@code 1.0}, an id, a source that is
 * a URI and a type; the content type {@code application/json} when given; a time, when given, in UTC
 * ({@code 2026-01-02T03:04:05.678Z}, {@link UtcTime#read}). A record that is anything else is not
 * plain, and its reader leaves it to the codec's reading through the tree.
 */
final class PlainEnvelope {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject", "time",
      "datacontenttype");

  /**
   * The last source read, shared by all threads: nearly every record of a log comes from one of a few sources,
   * and a URI is immutable. A stale or lost value only costs a parse.
   */
  private static volatile URI lastSource = URI.create("/");

  private final String[] attributes = new String[ATTRIBUTES.size()];
  private boolean hasData;
  private URI source;
  private Instant time;

  private PlainEnvelope() {
  }

  /**
   * What {@code record} holds, as {@code result} makes it of its plain envelope once {@code data} has read its
   * data object; {@code null} when the record is not plain, or either of them says so by returning false or
   * {@code null} or by throwing {@link IllegalArgumentException}.
   */
  static <T> T read(byte[] record, Data data, Result<T> result) {
    if (record == null || record.length == 0) {
      return null;
    }
    try (JsonParser parser = FACTORY.createParser(record)) {
      PlainEnvelope envelope = new PlainEnvelope();
      if (parser.nextToken() != JsonToken.START_OBJECT || !envelope.fields(parser, data)
          || parser.nextToken() != null || !envelope.checked()) {
        return null;
      }
      return result.of(envelope);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Reads the envelope's fields up to its end; false at the first that is not plain. */
  private boolean fields(JsonParser parser, Data data) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      if ("data".equals(name)) {
        if (value != JsonToken.START_OBJECT || hasData || !data.read(parser)) {
          return false;
        }
        hasData = true;
      } else if (value != JsonToken.VALUE_STRING || !attribute(name, parser.getText())) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  /** Takes an attribute; false for one not plain, or seen before. */
  private boolean attribute(String name, String value) {
    int at = ATTRIBUTES.indexOf(name);
    if (at < 0 || attributes[at] != null) {
      return false;
    }
    attributes[at] = value;
    return true;
  }

  /** Whether the attributes pass the checks of the class comment; reads the source and the time. */
  private boolean checked() {
    String contentType = attributes[6];
    if (!"1.0".equals(attributes[0]) || isEmpty(attributes[1]) || isEmpty(attributes[2])
        || isEmpty(attributes[3]) || !hasData
        || contentType != null && !CloudEventCodec.DATA_CONTENT_TYPE.equals(contentType)) {
      return false;
    }
    URI known = lastSource;
    if (attributes[2].equals(known.toString())) {
      source = known;
    } else {
      try {
        source = new URI(attributes[2]);
      } catch (URISyntaxException e) {
        return false;
      }
      lastSource = source;
    }
    time = attributes[5] == null ? null : UtcTime.read(attributes[5]);
    return attributes[5] == null || time != null;
  }

  String id() {
    return attributes[1];
  }

  URI source() {
    return source;
  }

  String type() {
    return attributes[3];
  }

  /** The subject, or {@code null}. */
  String subject() {
    return attributes[4];
  }

  /** The time, or {@code null} when the record gives none. */
  Instant time() {
    return time;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  /** Reads a record's data object, from its start up to its end; false at the first field that is not plain. */
  interface Data {
    boolean read(JsonParser parser) throws IOException;
  }

  /** What a record holds, made of its plain envelope; {@code null} when a check fails. */
  interface Result<T> {
    T of(PlainEnvelope envelope);
  }
}
