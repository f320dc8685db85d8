package dev.tenantplatform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tenant requests and lifecycle events as CloudEvents 1.0 in structured JSON mode
 * ({@value #CONTENT_TYPE}), written through the CloudEvents SDK's JSON format. Records are read from one parse
 * with the SDK's checks: events always ({@link EventAttributes}; with the streaming parser when they are plain,
 * {@link PlainEventReader}), requests when they are plain (with the streaming parser, {@link PlainRequestReader},
 * or from the envelope's tree), and through the SDK otherwise ({@link RequestAttributes}).
 *
 * <p><b>Requests</b>: type {@link EventType#REQUESTED_CE_TYPE}, id = {@code requestId}, subject = tenant,
 * {@code datacontenttype: application/json}, {@code data} = the request ({@code requestId}, {@code action},
 * {@code tenant}, {@code requestedBy}, {@code cluster}). The id and the data's {@code requestId} must agree, and
 * so must the subject (when given) and the data's {@code tenant}; when the data lacks either, the request
 * decodes without it and {@link RequestValidator} reports it with everything else that is wrong.
 *
 * <p><b>Events</b>: type {@link EventType#ceType()}, id = the event's deterministic id, subject = tenant,
 * {@code time} = the event's time, {@code data} = the chain fields ({@code tenant}, {@code sequence},
 * {@code requestId}, {@code previousHash}, {@code hash}) followed by the type's own keys. The chain fields live
 * in {@code data} rather than in extension attributes because extension names must be lower-case
 * ({@code previoushash}), while the contract's names are {@code previousHash} and {@code requestId}; in
 * {@code data} they keep their names, and the JSON Schema checks them with the rest.
 *
 * <p>Decoding never lets a bad record through silently: it throws {@link CodecException} with the reason and,
 * when readable, the tenant and request id. A request record over the size limit is refused before parsing.
 */
public final class CloudEventCodec {

  /** The content type of a structured-mode CloudEvent in JSON. */
  public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
  /** The content type of the data of every request and event. */
  public static final String DATA_CONTENT_TYPE = "application/json";
  public static final URI DEFAULT_REQUEST_SOURCE = URI.create("/tenant-platform/api");
  public static final URI DEFAULT_EVENT_SOURCE = URI.create("/tenant-platform/ledger");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Numbers as the normal form has them, so that event data read back needs no normalising copy.
      .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final List<String> MANDATORY = List.of("specversion", "id", "source", "type");

  private final EventFormat format;
  private final int maxRequestBytes;

  public CloudEventCodec() {
    this(Topics.MAX_REQUEST_BYTES);
  }

  public CloudEventCodec(int maxRequestBytes) {
    this.format = Objects.requireNonNull(EventFormatProvider.getInstance().resolveFormat(CONTENT_TYPE),
        "no CloudEvents JSON format on the class path: add io.cloudevents:cloudevents-json-jackson");
    this.maxRequestBytes = maxRequestBytes;
  }

  /** {@code request} from {@link #DEFAULT_REQUEST_SOURCE}, made now. */
  public byte[] encodeRequest(TenantRequest request) {
    return encodeRequest(request, DEFAULT_REQUEST_SOURCE, Instant.now());
  }

  /** {@code request} as a CloudEvent from {@code source}, made at {@code time} (none when {@code null}). */
  public byte[] encodeRequest(TenantRequest request, URI source, Instant time) {
    if (request.requestId() == null || request.requestId().isEmpty()) {
      throw new IllegalArgumentException("a request without requestId cannot be sent: it is the CloudEvent id");
    }
    CloudEventBuilder builder = CloudEventBuilder.v1()
        .withId(request.requestId())
        .withSource(source)
        .withType(EventType.REQUESTED_CE_TYPE)
        .withDataContentType(DATA_CONTENT_TYPE)
        .withData(JsonCloudEventData.wrap(RequestJson.write(request)));
    if (time != null) {
      builder.withTime(time.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
    }
    if (request.tenant() != null) {
      builder.withSubject(request.tenant());
    }
    return format.serialize(builder.build());
  }

  /**
   * The request in {@code record}, a value of {@code tenant.requests}.
   *
   * @throws CodecException when it is too large, not JSON, not a CloudEvent, not a request, or its data
   *     cannot be read
   */
  public RequestEnvelope decodeRequest(byte[] record) {
    refuseIfTooLarge(record);
    return PlainRequestReader.read(record) instanceof RequestEnvelope plain ? plain
        : decodeRequest(record, parse(record));
  }

  /** The request in {@code record}, parsed as {@code envelope}. */
  private RequestEnvelope decodeRequest(byte[] record, ObjectNode envelope) {
    Hints hints = new Hints(text(envelope.path("data"), "tenant", text(envelope, "subject", null)),
        text(envelope.path("data"), "requestId", text(envelope, "id", null)));
    checkEnvelope(envelope, hints);
    String type = envelope.get("type").asText();
    if (!EventType.REQUESTED_CE_TYPE.equals(type)) {
      String hint = EventType.byCeType(type).isPresent() ? " (a lifecycle event belongs on tenant.events)" : "";
      throw hints.fail(DeadLetterReason.WRONG_TYPE, "type '" + type + "' is not a tenant request" + hint
          + ": tenant.requests carries CloudEvents of type " + EventType.REQUESTED_CE_TYPE, null);
    }
    RequestAttributes plain = RequestAttributes.plain(envelope);
    RequestAttributes attributes = plain != null ? plain
        : RequestAttributes.of(sdkDecode(record, hints), (reason, message) -> hints.fail(reason, message, null));
    TenantRequest request = RequestJson.read(attributes.data());
    // A missing requestId or tenant is left to RequestValidator, which reports it with every other violation.
    if (request.requestId() != null && !attributes.id().equals(request.requestId())) {
      throw hints.fail(DeadLetterReason.BAD_DATA, "the CloudEvent id '" + attributes.id() + "' and the data's"
          + " requestId '" + request.requestId() + "' differ: use the request id for both", null);
    }
    if (attributes.subject() != null && request.tenant() != null && !attributes.subject().equals(request.tenant())) {
      throw hints.fail(DeadLetterReason.BAD_DATA, "the CloudEvent subject '" + attributes.subject()
          + "' and the data's tenant '" + request.tenant() + "' differ: the subject is the tenant", null);
    }
    return new RequestEnvelope(request, attributes.source(), attributes.time());
  }

  /**
   * Any record of {@code tenant.requests}: a request (as {@link #decodeRequest}) or a kubeconfig read.
   *
   * @throws CodecException as {@link #decodeRequest} does, and for a kubeconfig read that cannot be read
   */
  public RequestRecord decodeRequestRecord(byte[] record) {
    refuseIfTooLarge(record);
    RequestRecord plain = PlainRequestReader.read(record);
    return plain != null ? plain : decodeRequestRecordFromTree(record);
  }

  /**
   * {@link #decodeRequestRecord} through the envelope's tree, once the size is checked: every record the
   * streaming reader leaves, bad ones too.
   */
  RequestRecord decodeRequestRecordFromTree(byte[] record) {
    ObjectNode envelope = parse(record);
    if (KubeconfigRead.CE_TYPE.equals(envelope.path("type").asText(null))) {
      Hints hints = new Hints(text(envelope, "subject", null), null);
      checkEnvelope(envelope, hints);
      return KubeconfigReads.read(envelope, (reason, message) -> hints.fail(reason, message, null));
    }
    return decodeRequest(record, envelope);
  }

  private void refuseIfTooLarge(byte[] record) {
    if (record != null && record.length > maxRequestBytes) {
      throw new CodecException(DeadLetterReason.TOO_LARGE, "the request is " + record.length
          + " bytes, over the limit of " + maxRequestBytes + " bytes; a tenant request needs well under 1 KiB:"
          + " send the request alone, without attachments", null, null);
    }
  }

  /** {@code read} as a CloudEvent from {@link #DEFAULT_REQUEST_SOURCE}. */
  public byte[] encodeKubeconfigRead(KubeconfigRead read) {
    return format.serialize(CloudEventBuilder.v1()
        .withId(read.id())
        .withSource(DEFAULT_REQUEST_SOURCE)
        .withType(KubeconfigRead.CE_TYPE)
        .withSubject(read.tenant())
        .withTime(read.time().atOffset(ZoneOffset.UTC))
        .withDataContentType(DATA_CONTENT_TYPE)
        .withData(JsonCloudEventData.wrap(KubeconfigReads.data(read)))
        .build());
  }

  /** A sealed {@code event} from {@link #DEFAULT_EVENT_SOURCE}. */
  public byte[] encodeEvent(TenantEvent event) {
    return encodeEvent(event, DEFAULT_EVENT_SOURCE);
  }

  /** A sealed {@code event} as a CloudEvent from {@code source}. */
  public byte[] encodeEvent(TenantEvent event, URI source) {
    if (!event.isSealed()) {
      throw new IllegalArgumentException("the " + event.type() + " event of " + event.tenant() + " is not"
          + " sealed: give it its sequence and hash with HashChain.next before sending it");
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode()
        .put("tenant", event.tenant())
        .put("sequence", event.sequence())
        .put("requestId", event.requestId())
        .put("previousHash", event.previousHash())
        .put("hash", event.hash());
    data.setAll(event.data());
    return format.serialize(CloudEventBuilder.v1()
        .withId(event.id())
        .withSource(source)
        .withType(event.type().ceType())
        .withSubject(event.tenant())
        .withTime(event.time().atOffset(ZoneOffset.UTC))
        .withDataContentType(DATA_CONTENT_TYPE)
        .withData(JsonCloudEventData.wrap(data))
        .build());
  }

  /**
   * The lifecycle event in {@code record}, a value of {@code tenant.events}. Its chain is not checked here:
   * that is {@link HashChain}'s job.
   *
   * @throws CodecException when it is not JSON, not a CloudEvent, not a lifecycle event, or lacks a chain field
   */
  public TenantEvent decodeEvent(byte[] record) {
    TenantEvent plain = PlainEventReader.read(record);
    return plain != null ? plain : decodeEventFromTree(record);
  }

  /** {@link #decodeEvent} through the envelope's tree: every record the streaming reader leaves, bad ones too. */
  TenantEvent decodeEventFromTree(byte[] record) {
    ObjectNode envelope = parse(record);
    JsonNode wireData = envelope.path("data");
    Hints hints = new Hints(text(wireData, "tenant", text(envelope, "subject", null)),
        text(wireData, "requestId", null));
    checkEnvelope(envelope, hints);
    String ceType = envelope.get("type").asText();
    EventType type = EventType.byCeType(ceType).orElseThrow(() -> hints.fail(DeadLetterReason.WRONG_TYPE,
        "type '" + ceType + "' is not a lifecycle event: use dev.tenantplatform.<name>.v1 with one of the"
            + " names of EventType" + (EventType.REQUESTED_CE_TYPE.equals(ceType)
            ? " (a tenant request belongs on tenant.requests)" : ""), null));
    EventAttributes attributes = EventAttributes.read(envelope, (reason, message) -> hints.fail(reason, message,
        null));
    ObjectNode data = attributes.data();
    Chain chain = chain(data, hints);
    if (attributes.subject() != null && !attributes.subject().equals(chain.tenant())) {
      throw hints.fail(DeadLetterReason.BAD_DATA, "the CloudEvent subject '" + attributes.subject()
          + "' and the data's tenant '" + chain.tenant() + "' differ: the subject is the tenant", null);
    }
    data.remove(TenantEvent.CHAIN_KEYS);
    try {
      return new TenantEvent(attributes.id(), type, chain.tenant(), chain.sequence(), chain.previousHash(),
          chain.hash(), chain.requestId(), attributes.time(), data);
    } catch (IllegalArgumentException e) {
      throw hints.fail(DeadLetterReason.BAD_DATA, e.getMessage(), e);
    }
  }

  /** The chain fields of an event's data, every unreadable one reported at once. */
  private static Chain chain(ObjectNode data, Hints hints) {
    List<String> problems = new ArrayList<>();
    String tenant = chainText(data, "tenant", problems);
    String requestId = chainText(data, "requestId", problems);
    String previousHash = chainText(data, "previousHash", problems);
    String hash = chainText(data, "hash", problems);
    JsonNode sequence = data.path("sequence");
    if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.longValue() < 1) {
      problems.add("data.sequence must be a whole number from 1, got " + sequence);
    }
    if (!problems.isEmpty()) {
      throw hints.fail(DeadLetterReason.BAD_DATA, "the event's chain fields cannot be read: "
          + String.join("; ", problems), null);
    }
    return new Chain(tenant, sequence.longValue(), requestId, previousHash, hash);
  }

  /** The record as a JSON object. */
  private static ObjectNode parse(byte[] record) {
    if (record == null || record.length == 0) {
      throw new CodecException(DeadLetterReason.NOT_JSON, "the record is empty: send a CloudEvent in"
          + " structured JSON mode (" + CONTENT_TYPE + ")", null, null);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(record);
    } catch (IOException e) {
      String where = e instanceof JsonProcessingException p && p.getLocation() != null
          ? " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() : "";
      throw new CodecException(DeadLetterReason.NOT_JSON, "the record is not JSON" + where + ": send a"
          + " CloudEvent in structured JSON mode (" + CONTENT_TYPE + ")", null, null, e);
    }
    if (!(tree instanceof ObjectNode envelope)) {
      throw new CodecException(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is JSON but not an object (it is"
          + " " + tree.getNodeType().toString().toLowerCase(Locale.ROOT) + "): send a CloudEvent,"
          + " an object with specversion, id, source, type and data", null, null);
    }
    return envelope;
  }

  /** Fails unless {@code envelope} has the mandatory CloudEvent attributes, each a string, and valid names. */
  private static void checkEnvelope(ObjectNode envelope, Hints hints) {
    List<String> missing = null;
    for (String attribute : MANDATORY) {
      JsonNode value = envelope.get(attribute);
      if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
        missing = missing == null ? new ArrayList<>() : missing;
        missing.add(attribute);
      }
    }
    if (missing != null) {
      throw hints.fail(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is not a CloudEvent: " + String.join(", ",
          missing) + " missing or not a string (a CloudEvent 1.0 needs specversion \"1.0\", id, source and"
          + " type)", null);
    }
    if (!"1.0".equals(envelope.get("specversion").asText())) {
      throw hints.fail(DeadLetterReason.NOT_A_CLOUDEVENT, "specversion '" + envelope.get("specversion").asText()
          + "' is not supported: use \"1.0\"", null);
    }
    for (Iterator<String> names = envelope.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!isAttributeName(name) && !"data_base64".equals(name)) {
        throw hints.fail(DeadLetterReason.NOT_A_CLOUDEVENT, "'" + name + "' is not a CloudEvent attribute name:"
            + " attributes are lower-case letters and digits; the fields of a request or an event belong in data", null);
      }
    }
  }

  /** Lower-case letters and digits, as CloudEvents 1.0 names attributes. */
  private static boolean isAttributeName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private CloudEvent sdkDecode(byte[] record, Hints hints) {
    try {
      return format.deserialize(record);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw hints.fail(DeadLetterReason.NOT_A_CLOUDEVENT, "the record is not a valid CloudEvent: "
          + root.getMessage(), e);
    }
  }

  private static String chainText(ObjectNode data, String field, List<String> problems) {
    JsonNode value = data.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      problems.add("data." + field + " must be a non-empty string, got " + (value == null ? "nothing" : value));
      return null;
    }
    return value.asText();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : fallback;
  }

  private record Chain(String tenant, long sequence, String requestId, String previousHash, String hash) {
  }

  /** What could be read of a bad record, so that its rejection can still name the tenant. */
  private record Hints(String tenant, String requestId) {
    CodecException fail(DeadLetterReason reason, String message, Throwable cause) {
      return new CodecException(reason, message, tenant, requestId, cause);
    }
  }
}
