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
 * Reads a record of {@code tenant.requests} — a tenant request or a kubeconfig read — with Jackson's streaming
 * parser, building no tree of the envelope: the fast way through the records the API and its clients write,
 * which an audit replay reads beside the events, by the hundred thousand.
 *
 * <p>It reads only what is plain: the attributes {@code specversion}, {@code id}, {@code source}, {@code type},
 * {@code subject}, {@code time} and {@code datacontenttype} as strings, each once, and {@code data} an object;
 * a time in UTC ({@code 2026-01-02T03:04:05.678Z}), the content type {@code application/json}, a source that is
 * a URI. A request's data holds only the request's fields ({@link RequestJson#REQUEST_FIELDS}, its cluster only
 * {@link RequestJson#CLUSTER_FIELDS}), each a string, a whole number that fits an int where the field is one,
 * or {@code null}; its id and tenant agree with the attributes, and its action is one the platform knows. A
 * kubeconfig read's data holds its tenant, reader and scope, each a non-empty string, and nothing else.
 * Whatever else a record holds — an extension, a repeated name, another time spelling, a value of another type,
 * an unknown field, anything that fails a check — it leaves to the codec's reading through the tree, which reads
 * it or refuses it with the reason and message it always gave. For a record it reads, the request or the read
 * is the one that reading gives.
 */
final class PlainRequestReader {

  private static final JsonFactory FACTORY = new JsonFactory();

  private PlainRequestReader() {
  }

  /** The request or kubeconfig read in {@code record}, or {@code null} when it is not plain (see above). */
  static RequestRecord read(byte[] record) {
    if (record == null || record.length == 0) {
      return null;
    }
    try (JsonParser parser = FACTORY.createParser(record)) {
      Fields fields = new Fields();
      if (parser.nextToken() != JsonToken.START_OBJECT || !envelope(parser, fields)
          || parser.nextToken() != null) {
        return null;
      }
      return fields.record();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Reads the envelope's fields up to its end; false at the first that is not plain. */
  private static boolean envelope(JsonParser parser, Fields fields) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      if ("data".equals(name)) {
        if (value != JsonToken.START_OBJECT || fields.hasData || !data(parser, fields)) {
          return false;
        }
        fields.hasData = true;
      } else if (value != JsonToken.VALUE_STRING || !fields.attribute(name, parser.getText())) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  /**
   * Reads the data object, whose type the envelope may name only after it: the fields of a request and of a
   * kubeconfig read alike; {@link Fields#record()} then takes those of the type.
   */
  private static boolean data(JsonParser parser, Fields fields) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      if ("cluster".equals(name)) {
        if (fields.hasCluster || token != JsonToken.VALUE_NULL && (token != JsonToken.START_OBJECT
            || !cluster(parser, fields))) {
          return false;
        }
        fields.hasCluster = true;
      } else if (!Fields.take(Fields.DATA, fields.data, name, textOrNull(parser, token))) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  /** Reads a request's cluster object into {@code fields.cluster}. */
  private static boolean cluster(JsonParser parser, Fields fields) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      Object value = Fields.WHOLE_NUMBERS.contains(name) ? wholeOrNull(parser, token) : textOrNull(parser, token);
      if (!Fields.take(RequestJson.CLUSTER_FIELDS, fields.cluster, name, value)) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  /** A string as itself, {@code null} as {@link Fields#NULL}, and anything else as {@code null}: not plain. */
  private static Object textOrNull(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_STRING ? parser.getText() : token == JsonToken.VALUE_NULL ? Fields.NULL : null;
  }

  /** A whole number that fits an int, {@code null} as {@link Fields#NULL}, and anything else as {@code null}. */
  private static Object wholeOrNull(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
      return parser.getIntValue();
    }
    return token == JsonToken.VALUE_NULL ? Fields.NULL : null;
  }

  /** What was read so far. */
  private static final class Fields {
    /** The attributes read, at their index in {@link #ATTRIBUTES}. */
    private static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject",
        "time", "datacontenttype");
    /** The fields of a request's data and of a kubeconfig read's, the cluster aside: all strings. */
    private static final List<String> DATA = List.of("requestId", "action", "tenant", "requestedBy", "readBy",
        "scope");
    /** The fields of a request's cluster that are whole numbers. */
    private static final List<String> WHOLE_NUMBERS = List.of("controlPlaneReplicas", "workers");
    /** A field given as JSON {@code null}: read as left out, but seen, so that it may not come again. */
    private static final Object NULL = new Object();

    private final String[] attributes = new String[ATTRIBUTES.size()];
    private final Object[] data = new Object[DATA.size()];
    private final Object[] cluster = new Object[RequestJson.CLUSTER_FIELDS.size()];
    private boolean hasData;
    private boolean hasCluster;

    /** Takes an attribute; false for one not plain, or seen before. */
    boolean attribute(String name, String value) {
      int at = ATTRIBUTES.indexOf(name);
      if (at < 0 || attributes[at] != null) {
        return false;
      }
      attributes[at] = value;
      return true;
    }

    /** Takes field {@code name} of {@code names} into {@code values}; false for an unknown, unread or seen one. */
    static boolean take(List<String> names, Object[] values, String name, Object value) {
      int at = names.indexOf(name);
      if (at < 0 || value == null || values[at] != null) {
        return false;
      }
      values[at] = value;
      return true;
    }

    /** The request or the kubeconfig read, or null when a check fails (the codec's reading then says which). */
    RequestRecord record() {
      String id = attributes[1];
      String contentType = attributes[6];
      if (!"1.0".equals(attributes[0]) || isEmpty(id) || isEmpty(attributes[2]) || !hasData
          || contentType != null && !CloudEventCodec.DATA_CONTENT_TYPE.equals(contentType)) {
        return null;
      }
      URI source = uri(attributes[2]);
      Instant time = attributes[5] == null ? null : EventAttributes.utcMillis(attributes[5]);
      if (source == null || attributes[5] != null && time == null) {
        return null;
      }
      if (EventType.REQUESTED_CE_TYPE.equals(attributes[3])) {
        return request(id, source, time);
      }
      return KubeconfigRead.CE_TYPE.equals(attributes[3]) ? kubeconfigRead(id, time) : null;
    }

    private RequestEnvelope request(String id, URI source, Instant time) {
      String requestId = text(0);
      String actionText = text(1);
      String tenant = text(2);
      String subject = attributes[4];
      Action action = actionText == null ? null : Action.of(actionText).orElse(null);
      if (data[4] != null || data[5] != null || actionText != null && action == null
          || requestId != null && !requestId.equals(id)
          || subject != null && tenant != null && !subject.equals(tenant)) {
        return null;
      }
      ClusterSpec spec = null;
      if (hasCluster) {
        spec = new ClusterSpec((String) value(cluster, 0), (Integer) value(cluster, 1),
            (Integer) value(cluster, 2), (String) value(cluster, 3), (String) value(cluster, 4),
            (String) value(cluster, 5), (String) value(cluster, 6));
      }
      return new RequestEnvelope(new TenantRequest(requestId, action, tenant, text(3), spec), source, time);
    }

    private KubeconfigRead kubeconfigRead(String id, Instant time) {
      String tenant = text(2);
      String readBy = text(4);
      String scope = text(5);
      String subject = attributes[4];
      if (data[0] != null || data[1] != null || data[3] != null || hasCluster || time == null || isEmpty(tenant)
          || isEmpty(readBy) || isEmpty(scope) || subject != null && !subject.equals(tenant)) {
        return null;
      }
      return new KubeconfigRead(id, tenant, readBy, scope, time);
    }

    private String text(int at) {
      return (String) value(data, at);
    }

    private static Object value(Object[] values, int at) {
      return values[at] == NULL ? null : values[at];
    }

    private static boolean isEmpty(String value) {
      return value == null || value.isEmpty();
    }

    private static URI uri(String value) {
      try {
        return new URI(value);
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }
}
