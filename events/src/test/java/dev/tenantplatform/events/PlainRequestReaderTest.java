package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Plain records of tenant.requests — requests and kubeconfig reads — are read with the streaming parser, and
 * read as the envelope's tree reads them; whatever is not plain is left to the tree, so that it is read, or
 * refused with the same reason and words, as it always was.
 */
class PlainRequestReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  private static final URI CRM = URI.create("/crm");
  private final CloudEventCodec codec = new CloudEventCodec();
  private final byte[] create = codec.encodeRequest(EventSamples.create("acme"), CRM, NOW);
  private final byte[] read = codec.encodeKubeconfigRead(new KubeconfigRead("7c0e2f3a-read", "acme",
      "alice@example.com", "tenant", NOW));

  @Test
  void everyActionAndAKubeconfigReadTheCodecWritesAreReadPlainAndAsTheTreeReadsThem() {
    List<TenantRequest> requests = List.of(EventSamples.create("acme"),
        TenantRequest.create("bare", "bob", ClusterSpec.UNCHANGED),
        TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED.withWorkers(7).withVersion("v1.33.1")),
        TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED), TenantRequest.delete("acme", "carol"));
    URI hook = URI.create("https://crm.example.com/hooks?x=1");
    List<Map.Entry<byte[], RequestRecord>> written = new ArrayList<>();
    for (TenantRequest request : requests) {
      written.add(Map.entry(codec.encodeRequest(request, CRM, NOW), new RequestEnvelope(request, CRM, NOW)));
      written.add(Map.entry(codec.encodeRequest(request, hook, null), new RequestEnvelope(request, hook, null)));
    }
    KubeconfigRead kubeconfigRead = new KubeconfigRead("k1", "acme", "ops", "admin", NOW.plusMillis(11));
    written.add(Map.entry(codec.encodeKubeconfigRead(kubeconfigRead), kubeconfigRead));

    for (Map.Entry<byte[], RequestRecord> entry : written) {
      byte[] record = entry.getKey();
      RequestRecord expected = entry.getValue();
      assertThat(PlainRequestReader.read(record)).as(text(record)).isEqualTo(expected)
          .isEqualTo(codec.decodeRequestRecordFromTree(record));
      assertThat(codec.decodeRequestRecord(record)).isEqualTo(expected);
      if (expected instanceof RequestEnvelope) {
        assertThat(codec.decodeRequest(record)).isEqualTo(expected);
      }
    }
  }

  @Test
  void unusualButPlainRecordsAreReadPlainAndAsTheTreeReadsThem() throws Exception {
    List<byte[]> unusual = List.of(
        reordered(create), reordered(read),
        bytes("\n  " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(create)) + "\t\r\n"),
        bytes(text(create).replace("\":", "\" :\t").replace(",\"", " ,\r\n  \"").replace("{", "{ ")),
        tampered(create, e -> data(e).put("requestedBy", "Zoë Ångström 山田 🚀")),
        bytes(text(create).replace("alice@example.com", "Zo\\u00eb \\u5c71\\u7530 \\ud83d\\ude80 \\\"q\\\"")),
        tampered(create, e -> e.put("time", "2026-03-04T05:06:07Z")),
        tampered(create, e -> e.put("time", "2026-03-04T05:06:07.1Z")),
        tampered(create, e -> e.put("time", "2026-03-04T05:06:07.123456789Z")),
        tampered(read, e -> e.put("time", "2026-03-04T05:06:07.123456Z")),
        tampered(create, e -> e.remove(List.of("time", "subject", "datacontenttype"))),
        tampered(read, e -> e.remove(List.of("subject", "datacontenttype"))),
        tampered(create, e -> data(e).remove(List.of("requestId", "tenant", "action", "requestedBy"))),
        tampered(create, e -> data(e).putNull("requestedBy").putNull("action").putNull("cluster")),
        tampered(create, e -> cluster(e).putNull("workers").putNull("version")),
        tampered(create, e -> cluster(e).removeAll()),
        tampered(create, e -> cluster(e).put("workers", -1).put("controlPlaneReplicas", Integer.MAX_VALUE)),
        tampered(create, e -> cluster(e).put("workers", Integer.MIN_VALUE).put("version", "")),
        tampered(create, e -> data(e).put("action", "delete").remove("cluster")),
        tampered(create, e -> data(e).put("requestedBy", " ")),
        tampered(create, e -> withTenant(e, "Acme")),
        tampered(create, e -> withTenant(e, " acme")),
        tampered(create, e -> withTenant(e, "acmé")),
        tampered(create, e -> data(e).remove("tenant")),
        tampered(create, e -> {
          e.put("subject", "");
          data(e).remove("tenant");
        }),
        tampered(create, e -> e.put("source", "urn:tenant-platform:crm")));

    for (byte[] record : unusual) {
      RequestRecord expected = codec.decodeRequestRecordFromTree(record);
      assertThat(PlainRequestReader.read(record)).as(text(record)).isNotNull().isEqualTo(expected);
      assertThat(codec.decodeRequestRecord(record)).isEqualTo(expected);
    }
  }

  @Test
  void whatIsNotPlainIsLeftToTheTreeAndReadOrRefusedAsBefore() throws Exception {
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    List<byte[]> unusual = List.of(
        tampered(create, e -> e.put("traceparent", traceparent)),
        tampered(read, e -> e.put("traceparent", traceparent)),
        tampered(create, e -> e.put("time", "2026-03-04T07:06:07.089+02:00")),
        tampered(create, e -> e.put("time", "2026-03-04T05:06:07.089+00:00")),
        tampered(read, e -> e.put("time", "2026-03-04T07:06:07.089+02:00")),
        tampered(create, e -> e.put("time", "2026-03-04t05:06:07.089z")),
        tampered(create, e -> e.put("datacontenttype", "application/json; charset=utf-8")),
        tampered(read, e -> e.put("datacontenttype", "application/json; charset=utf-8")),
        tampered(read, e -> data(e).put("note", "kept out of the record")),
        tampered(read, e -> data(e).putNull("requestId")),
        tampered(create, e -> e.put("dataschema", "https://tenant-platform.dev/schemas/request.json")),
        bytes(text(create).replace("{\"specversion\":\"1.0\",", "{\"specversion\":\"1.0\",\"id\":\"r0\",")),
        bytes(text(create).replace("\"requestId\":", "\"requestId\":\"first\",\"requestId\":")),
        bytes(text(create).replace("\"workers\":2", "\"workers\":5,\"workers\":2")),
        bytes(text(read).replace("\"scope\":", "\"scope\":\"admin\",\"scope\":")));

    for (byte[] record : unusual) {
      assertThat(PlainRequestReader.read(record)).as(text(record)).isNull();
      CodecException before = catchThrowableOfType(CodecException.class,
          () -> codec.decodeRequestRecordFromTree(record));
      if (before == null) {
        assertThat(codec.decodeRequestRecord(record)).as(text(record))
            .isEqualTo(codec.decodeRequestRecordFromTree(record));
      } else {
        assertSameRefusal(text(record), before, () -> codec.decodeRequestRecord(record));
      }
    }
  }

  @Test
  void badRecordsAreLeftToTheTreeAndRefusedWithTheSameReasonAndWords() throws Exception {
    String envelope = "{\"specversion\":\"1.0\",\"id\":\"r1\",\"source\":\"/x\","
        + "\"type\":\"dev.tenantplatform.tenant.requested.v1\",\"subject\":\"acme\",\"data\":%s}";
    String data = "{\"requestId\":\"r1\",\"action\":\"create\",\"tenant\":\"acme\",\"requestedBy\":\"ops\","
        + "\"cluster\":{%s}}";
    List<byte[]> bad = new ArrayList<>(List.of(
        bytes(""), bytes("   "), bytes("{\"specversion\": \"1.0\", "), bytes("[1,2,3]"), bytes("\"a request\""),
        bytes("null"), bytes(text(create) + " {}"), bytes(text(create) + "}"), bytes("[" + text(create) + "]"),
        bytes("{\"id\":\"r1\",\"source\":\"/x\",\"type\":\"t\"}"),
        bytes(envelope.replace("tenant.requested", "tenant.ready").formatted("{}")),
        bytes(envelope.replace("tenant.requested", "tenant.exploded").formatted("{}")),
        bytes(envelope.formatted("\"create acme\"")), bytes(envelope.formatted("null")),
        bytes(envelope.formatted("[]")), bytes(envelope.replace(",\"data\":%s", "")),
        bytes(envelope.formatted(data.formatted("\"workers\":\"two\""))),
        bytes(envelope.formatted(data.formatted("\"controlPlaneReplicas\":1.5"))),
        bytes(envelope.formatted(data.formatted("\"workers\":3.0"))),
        bytes(envelope.formatted(data.formatted("\"workers\":1e2"))),
        bytes(envelope.formatted(data.formatted("\"workers\":2147483648"))),
        bytes(envelope.formatted(data.formatted("\"workers\":" + "9".repeat(30)))),
        bytes(envelope.formatted(data.formatted("\"workers\":true"))),
        bytes(envelope.formatted(data.formatted("\"version\":1.32"))),
        bytes(envelope.formatted(data.formatted("\"gpu\":true"))),
        bytes(envelope.formatted(data.formatted("\"workers\":[2]"))),
        bytes(envelope.formatted(data.formatted("\"cni\":{\"name\":\"calico\"}"))),
        bytes(envelope.formatted("{\"requestId\":\"r1\",\"action\":\"resize\",\"tenant\":\"acme\","
            + "\"requestedBy\":\"ops\"}")),
        tampered(create, e -> data(e).put("action", 7)),
        tampered(create, e -> data(e).put("action", "Create")),
        tampered(create, e -> data(e).put("requestedBy", 42)),
        tampered(create, e -> data(e).put("tenant", true)),
        tampered(create, e -> data(e).put("priority", "high")),
        tampered(create, e -> data(e).put("readBy", "ops")),
        tampered(create, e -> data(e).put("cluster", "big")),
        tampered(create, e -> data(e).putArray("cluster")),
        tampered(create, e -> e.put("id", "another-id")),
        tampered(create, e -> e.put("subject", "umbrella")),
        tampered(create, e -> e.put("subject", "")),
        tampered(create, e -> e.put("time", "yesterday")),
        tampered(create, e -> e.put("time", "2026-02-30T05:06:07.089Z")),
        tampered(create, e -> e.put("time", "")),
        tampered(create, e -> e.put("time", 1_772_600_767_089L)),
        tampered(create, e -> e.put("source", "not a uri")),
        tampered(create, e -> e.put("source", "")),
        tampered(create, e -> e.put("id", "")),
        tampered(create, e -> e.put("type", "")),
        tampered(create, e -> e.put("subject", 42)),
        tampered(create, e -> e.put("dataschema", "::not a uri")),
        tampered(create, e -> e.put("data_base64", "e30=")),
        tampered(create, e -> e.put("specversion", "0.3")),
        tampered(create, e -> e.put("specversion", 1.0)),
        tampered(create, e -> e.put("Data", "{}")),
        tampered(create, e -> e.put("datacontenttype", "text/plain")),
        tampered(create, e -> e.set("subject", JsonNodeFactory.instance.objectNode())),
        tampered(read, e -> data(e).remove("readBy")),
        tampered(read, e -> data(e).put("scope", "")),
        tampered(read, e -> data(e).put("readBy", 7)),
        tampered(read, e -> withTenant(e, "Acme")),
        tampered(read, e -> e.remove("time")),
        tampered(read, e -> e.put("time", "yesterday")),
        tampered(read, e -> e.put("subject", "umbrella")),
        tampered(read, e -> e.put("datacontenttype", "text/plain")),
        tampered(read, e -> e.put("data", "read")),
        tampered(read, e -> e.put("source", "not a uri"))));
    bad.add(null);

    for (byte[] record : bad) {
      String shown = record == null ? "null" : text(record);
      CodecException before = catchThrowableOfType(CodecException.class,
          () -> codec.decodeRequestRecordFromTree(record));
      assertThat(before).as(shown).isNotNull();
      assertThat(PlainRequestReader.read(record)).as(shown).isNull();
      assertSameRefusal(shown, before, () -> codec.decodeRequestRecord(record));
      if (record == null || !shown.contains(KubeconfigRead.CE_TYPE)) {
        assertSameRefusal(shown, before, () -> codec.decodeRequest(record));
      }
    }
  }

  @Test
  void aRecordOverTheLimitIsRefusedBeforeItIsRead() {
    CloudEventCodec strict = new CloudEventCodec(100);

    for (byte[] record : List.of(create, read)) {
      assertThat(PlainRequestReader.read(record)).isNotNull();
      String expected = "the request is " + record.length + " bytes, over the limit of 100 bytes; a tenant"
          + " request needs well under 1 KiB: send the request alone, without attachments";
      CodecException any = catchThrowableOfType(CodecException.class, () -> strict.decodeRequestRecord(record));
      CodecException request = catchThrowableOfType(CodecException.class, () -> strict.decodeRequest(record));
      for (CodecException e : List.of(any, request)) {
        assertThat(e.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo(expected);
      }
    }
  }

  private static void assertSameRefusal(String shown, CodecException before, Runnable decode) {
    CodecException refused = catchThrowableOfType(CodecException.class, decode::run);
    assertThat(refused).as(shown).isNotNull();
    assertThat(refused.reason()).as(shown).isEqualTo(before.reason());
    assertThat(refused.getMessage()).as(shown).isEqualTo(before.getMessage());
    assertThat(refused.tenant()).as(shown).isEqualTo(before.tenant());
    assertThat(refused.requestId()).as(shown).isEqualTo(before.requestId());
  }

  private static ObjectNode data(ObjectNode envelope) {
    return (ObjectNode) envelope.get("data");
  }

  private static ObjectNode cluster(ObjectNode envelope) {
    return (ObjectNode) data(envelope).get("cluster");
  }

  private static void withTenant(ObjectNode envelope, String tenant) {
    envelope.put("subject", tenant);
    data(envelope).put("tenant", tenant);
  }

  private static byte[] tampered(byte[] record, Consumer<ObjectNode> change) throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(record);
    change.accept(envelope);
    return JSON.writeValueAsBytes(envelope);
  }

  /** {@code record} with the fields of every object in the reverse order: data first, specversion last. */
  private static byte[] reordered(byte[] record) throws Exception {
    return JSON.writeValueAsBytes(reversed(JSON.readTree(record)));
  }

  private static JsonNode reversed(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    names.forEach(name -> copy.set(name, reversed(node.get(name))));
    return copy;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] record) {
    return new String(record, StandardCharsets.UTF_8);
  }
}
