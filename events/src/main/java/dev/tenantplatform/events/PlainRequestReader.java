package dev.tenantplatform.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Reads a record of {@code tenant.requests} — a tenant request or a kubeconfig read — with Jackson's streaming
 * parser, building no tree of the envelope: the fast way through the records the API and its clients write,
 * which an audit replay reads beside the events, by the hundred thousand.
 *
 * <p>It reads only what is plain: an envelope as {@link PlainEnvelope} reads it (the attributes
 * {@code specversion}, {@code id}, {@code source}, {@code type}, {@code subject}, {@code time} and
 * {@code datacontenttype} as strings, each once; a time in UTC, {@code 2026-01-02T03:04:05.678Z}; the content
 * type {@code application/json}; a source that is a URI) holding the data of a request or of a kubeconfig read.
 * A request's data holds only the request's fields ({@link RequestJson#REQUEST_FIELDS}; its cluster only
 * {@link RequestJson#CLUSTER_FIELDS}), each once, each a string, a whole number that fits an int where the
 * field is one, or {@code null}; its id and tenant agree with the attributes, and its action is one the platform
 * knows. A kubeconfig read has a time, and its data holds its tenant, reader and scope, each a non-empty string,
 * and nothing else. Whatever else a record holds — an extension, a repeated name, another time spelling, a value
 * of another type, an unknown field, anything that fails a check — it leaves to the codec's reading through the
 * tree, which reads it or refuses it with the reason and message it always gave. For a record it reads, the
 * request or the read is the one that reading gives.
 */
final class PlainRequestReader {

  private PlainRequestReader() {
  }

  /** The request or kubeconfig read in {@code record}, or {@code null} when it is not plain (see the class comment). */
  static RequestRecord read(byte[] record) {
    Fields fields = new Fields();
    return PlainEnvelope.read(record, parser -> data(parser, fields), fields::record);
  }

  /**
   * Reads the data object, whose type the envelope may name only after it: the fields of a request and of a
   * kubeconfig read alike; {@link Fields#record(PlainEnvelope)} then takes those of the type.
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
    /** The fields of a request's data and of a kubeconfig read's, the cluster aside: all strings. */
    private static final List<String> DATA = List.of("requestId", "action", "tenant", "requestedBy", "readBy",
        "scope");
    /** The fields of a request's cluster that are whole numbers. */
    private static final List<String> WHOLE_NUMBERS = List.of("controlPlaneReplicas", "workers");
    /** A field given as JSON {@code null}: read as left out, but seen, so that it may not come again. */
    private static final Object NULL = new Object();

    private final Object[] data = new Object[DATA.size()];
    private final Object[] cluster = new Object[RequestJson.CLUSTER_FIELDS.size()];
    private boolean hasCluster;

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
    RequestRecord record(PlainEnvelope envelope) {
      if (EventType.REQUESTED_CE_TYPE.equals(envelope.type())) {
        return request(envelope);
      }
      return KubeconfigRead.CE_TYPE.equals(envelope.type()) ? kubeconfigRead(envelope) : null;
    }

    private RequestEnvelope request(PlainEnvelope envelope) {
      String requestId = text(0);
      String actionText = text(1);
      String tenant = text(2);
      String subject = envelope.subject();
      Action action = actionText == null ? null : Action.of(actionText).orElse(null);
      if (data[4] != null || data[5] != null || actionText != null && action == null
          || requestId != null && !requestId.equals(envelope.id())
          || subject != null && tenant != null && !subject.equals(tenant)) {
        return null;
      }
      ClusterSpec spec = null;
      if (hasCluster) {
        spec = new ClusterSpec((String) value(cluster, 0), (Integer) value(cluster, 1),
            (Integer) value(cluster, 2), (String) value(cluster, 3), (String) value(cluster, 4),
            (String) value(cluster, 5), (String) value(cluster, 6));
      }
      return new RequestEnvelope(new TenantRequest(requestId, action, tenant, text(3), spec), envelope.source(),
          envelope.time());
    }

    private KubeconfigRead kubeconfigRead(PlainEnvelope envelope) {
      String tenant = text(2);
      String readBy = text(4);
      String scope = text(5);
      String subject = envelope.subject();
      if (data[0] != null || data[1] != null || data[3] != null || hasCluster || envelope.time() == null
          || isEmpty(tenant) || isEmpty(readBy) || isEmpty(scope) || subject != null && !subject.equals(tenant)) {
        return null;
      }
      return new KubeconfigRead(envelope.id(), tenant, readBy, scope, envelope.time());
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
  }
}
