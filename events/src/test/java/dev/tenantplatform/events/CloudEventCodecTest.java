package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  private final CloudEventCodec codec = new CloudEventCodec();

  private static byte[] bytes(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static String request(String data) {
    return "{'specversion':'1.0','id':'r-1','source':'/crm','type':'dev.tenantplatform.tenant.requested.v1',"
        + "'datacontenttype':'application/json','data':" + data + "}";
  }

  private static CodecException failure(ThrowingCallable call) {
    return (CodecException) org.assertj.core.api.Assertions.catchThrowable(call);
  }

  @Test
  void aRequestIsAStructuredCloudEventWithTheRequestAsData() throws Exception {
    TenantRequest request = EventSamples.create("acme");

    JsonNode event = JSON.readTree(codec.encodeRequest(request, URI.create("/crm"), NOW));

    assertThat(event.get("specversion").asText()).isEqualTo("1.0");
    assertThat(event.get("type").asText()).isEqualTo("dev.tenantplatform.tenant.requested.v1");
    assertThat(event.get("id").asText()).isEqualTo(request.requestId());
    assertThat(event.get("subject").asText()).isEqualTo("acme");
    assertThat(event.get("source").asText()).isEqualTo("/crm");
    assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(event.get("data")).isEqualTo(JSON.readTree(bytes("{'requestId':'" + request.requestId() + "',"
        + "'action':'create','tenant':'acme','requestedBy':'alice@example.com','cluster':{'version':"
        + "'v1.32.8+k0s.0','controlPlaneReplicas':3,'workers':2,'cni':'calico','persistence':'emptyDir',"
        + "'serviceType':'NodePort','infrastructure':'docker'}}")));
  }

  @Test
  void requestsSurviveARoundTrip() {
    for (TenantRequest request : new TenantRequest[] {
        EventSamples.create("acme"),
        TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED.withWorkers(7)),
        TenantRequest.delete("acme", "carol"),
        TenantRequest.create("acme", "dave", ClusterSpec.UNCHANGED)}) {
      RequestEnvelope decoded = codec.decodeRequest(codec.encodeRequest(request, URI.create("/crm"), NOW));

      assertThat(decoded.request()).isEqualTo(request);
      assertThat(decoded.source()).isEqualTo(URI.create("/crm"));
      assertThat(decoded.time()).isEqualTo(NOW);
    }
  }

  @Test
  void aRequestWithoutTimeDecodesWithoutTime() {
    RequestEnvelope decoded = codec.decodeRequest(bytes(request("{'requestId':'r-1','action':'delete',"
        + "'tenant':'acme','requestedBy':'crm'}")));

    assertThat(decoded.time()).isNull();
    assertThat(decoded.request().action()).isEqualTo(Action.DELETE);
  }

  @Test
  void everyEventTypeSurvivesARoundTrip() {
    for (TenantEvent event : EventSamples.lifeOf("acme")) {
      assertThat(codec.decodeEvent(codec.encodeEvent(event))).isEqualTo(event);
    }
    for (TenantEvent unsealed : EventSamples.unsealedOfEachType("acme").values()) {
      TenantEvent sealed = HashChain.next(ChainHead.genesis("acme"), unsealed);
      assertThat(codec.decodeEvent(codec.encodeEvent(sealed))).isEqualTo(sealed);
    }
  }

  @Test
  void anEventCarriesItsChainFieldsInDataBeforeItsOwnKeys() throws Exception {
    TenantEvent ready = EventSamples.lifeOf("acme").get(6);

    JsonNode event = JSON.readTree(codec.encodeEvent(ready));

    assertThat(event.get("id").asText()).isEqualTo(ready.id());
    assertThat(event.get("type").asText()).isEqualTo("dev.tenantplatform.tenant.ready.v1");
    assertThat(event.get("subject").asText()).isEqualTo("acme");
    assertThat(Instant.parse(event.get("time").asText())).isEqualTo(ready.time());
    assertThat(event.get("data").fieldNames()).toIterable().containsExactly("tenant", "sequence", "requestId",
        "previousHash", "hash", "controlPlaneReadySeconds", "provisionedSeconds", "readySeconds");
    assertThat(event.at("/data/controlPlaneReadySeconds").asText()).isEqualTo("61.234");
    assertThat(event.at("/data/sequence").asLong()).isEqualTo(7);
  }

  @Test
  void anUnsealedEventIsNotSent() {
    TenantEvent unsealed = TenantEvent.unsealed(EventType.TENANT_DELETED, "acme", "r1", NOW, null);

    assertThatThrownBy(() -> codec.encodeEvent(unsealed)).hasMessageContaining("HashChain.next");
  }

  @Test
  void aRecordOverTheLimitIsRefusedBeforeParsing() {
    byte[] huge = new byte[Topics.MAX_REQUEST_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) '{');

    CodecException e = failure(() -> codec.decodeRequest(huge));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
    assertThat(e.getMessage()).contains("65537 bytes, over the limit of 65536 bytes");
    byte[] delete = codec.encodeRequest(TenantRequest.delete("acme", "crm"));
    assertThat(new CloudEventCodec(delete.length).decodeRequest(delete).request().tenant()).isEqualTo("acme");
    assertThat(failure(() -> new CloudEventCodec(delete.length - 1).decodeRequest(delete)).reason())
        .isEqualTo(DeadLetterReason.TOO_LARGE);
  }

  @Test
  void notJsonSaysSoAndWhere() {
    CodecException e = failure(() -> codec.decodeRequest(bytes("{'specversion': 1.0,")));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
    assertThat(e.getMessage()).startsWith("the record is not JSON at line 1").endsWith(
        "send a CloudEvent in structured JSON mode (application/cloudevents+json)");
    assertThat(failure(() -> codec.decodeRequest(new byte[0])).getMessage()).startsWith("the record is empty");
    assertThat(failure(() -> codec.decodeRequest(bytes("{} trailing"))).reason()).isEqualTo(DeadLetterReason.NOT_JSON);
  }

  @Test
  void jsonThatIsNotACloudEventNamesWhatIsMissingAndKeepsTheTenant() {
    CodecException e = failure(() -> codec.decodeRequest(bytes("{'data':{'tenant':'acme','requestId':'r-9'}}")));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_A_CLOUDEVENT);
    assertThat(e.getMessage()).startsWith("the record is not a CloudEvent: specversion, id, source, type missing");
    assertThat(e.tenant()).contains("acme");
    assertThat(e.requestId()).contains("r-9");
    assertThat(failure(() -> codec.decodeRequest(bytes("['acme']"))).getMessage()).contains("not an object (it is array)");
  }

  @Test
  void anotherSpecVersionOrAnInvalidAttributeNameIsNotACloudEvent() {
    assertThat(failure(() -> codec.decodeRequest(bytes(request("{}").replace("'1.0'", "'0.3'")))).getMessage())
        .isEqualTo("specversion '0.3' is not supported: use \"1.0\"");
    assertThat(failure(() -> codec.decodeRequest(bytes(request("{}").replace("'source'", "'requestId':'r-1','source'"))))
        .getMessage()).startsWith("'requestId' is not a CloudEvent attribute name");
  }

  @Test
  void aLifecycleEventOnTheRequestTopicIsTheWrongType() {
    byte[] event = codec.encodeEvent(EventSamples.lifeOf("acme").get(0));

    CodecException e = failure(() -> codec.decodeRequest(event));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
    assertThat(e.getMessage()).isEqualTo("type 'dev.tenantplatform.tenant.accepted.v1' is not a tenant request (a"
        + " lifecycle event belongs on tenant.events): tenant.requests carries CloudEvents of type"
        + " dev.tenantplatform.tenant.requested.v1");
    assertThat(e.tenant()).contains("acme");
    assertThat(failure(() -> codec.decodeEvent(codec.encodeRequest(EventSamples.create("acme")))).getMessage())
        .contains("(a tenant request belongs on tenant.requests)");
  }

  @Test
  void dataMustBeAJsonObject() {
    assertThat(failure(() -> codec.decodeRequest(bytes(request("[1,2]")))).getMessage())
        .isEqualTo("data must be a JSON object with datacontenttype application/json, got array");
    assertThat(failure(() -> codec.decodeRequest(bytes(request("'acme'").replace("application/json", "text/plain"))))
        .getMessage()).contains("got encoded data with datacontenttype text/plain");
    assertThat(failure(() -> codec.decodeRequest(bytes(request("{}").replace(",'data':{}", "")))).getMessage())
        .startsWith("the CloudEvent has no data");
  }

  @Test
  void anUnknownActionIsNamedWithTheChoicesAndKeepsTheTenantAndRequestId() {
    CodecException e = failure(() -> codec.decodeRequest(bytes(request("{'requestId':'r-1','action':'destroy',"
        + "'tenant':'acme','requestedBy':'crm'}"))));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_DATA);
    assertThat(e.getMessage()).isEqualTo("the request's data cannot be read: unknown action 'destroy': use create,"
        + " update or delete");
    assertThat(e.tenant()).contains("acme");
    assertThat(e.requestId()).contains("r-1");
  }

  @Test
  void fieldsOfTheWrongTypeAndUnknownFieldsAreAllListed() {
    CodecException e = failure(() -> codec.decodeRequest(bytes(request("{'requestId':'r-1','action':'create',"
        + "'tenant':'acme','requestedBy':42,'cluster':{'workers':'three','controlPlaneReplicas':2.5,"
        + "'worker':3}}"))));

    assertThat(e.getMessage()).isEqualTo("the request's data cannot be read: field 'requestedBy' must be a string,"
        + " got 42; unknown field 'cluster.worker': the known fields are version, controlPlaneReplicas, workers,"
        + " cni, persistence, serviceType, infrastructure; field 'cluster.controlPlaneReplicas' must be a whole"
        + " number, got 2.5; field 'cluster.workers' must be a whole number, got \"three\"");
    assertThat(failure(() -> codec.decodeRequest(bytes(request("{'tenant':'acme','cluster':3}")))).getMessage())
        .contains("field 'cluster' must be an object such as {\"workers\": 3}, got 3");
  }

  @Test
  void idAndSubjectMustAgreeWithTheData() {
    assertThat(failure(() -> codec.decodeRequest(bytes(request("{'requestId':'r-2','action':'delete',"
        + "'tenant':'acme','requestedBy':'crm'}")))).getMessage())
        .isEqualTo("the CloudEvent id 'r-1' and the data's requestId 'r-2' differ: use the request id for both");
    assertThat(failure(() -> codec.decodeRequest(bytes(request("{'requestId':'r-1','action':'delete',"
        + "'tenant':'acme','requestedBy':'crm'}").replace("'source'", "'subject':'globex','source'"))))
        .getMessage()).contains("subject 'globex' and the data's tenant 'acme' differ");
  }

  @Test
  void anInvalidButReadableRequestDecodesSoThatTheValidatorCanExplainIt() {
    RequestEnvelope decoded = codec.decodeRequest(bytes(request("{'requestId':'r-1','action':'create',"
        + "'tenant':'Acme','cluster':{'controlPlaneReplicas':2}}")));

    assertThat(new RequestValidator().validate(decoded.request())).extracting(Violation::field)
        .containsExactly("tenant", "requestedBy", "cluster.controlPlaneReplicas");
  }

  @Test
  void aRequestWithoutRequestIdOrTenantInItsDataIsLeftToTheValidator() {
    RequestEnvelope decoded = codec.decodeRequest(bytes(request("{'action':'delete','requestedBy':'crm'}")
        .replace("'source'", "'subject':'acme','source'")));

    assertThat(new RequestValidator().validate(decoded.request())).extracting(Violation::field)
        .containsExactly("requestId", "tenant");
  }

  @Test
  void anEventWithoutChainFieldsOrTimeIsRefused() throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(codec.encodeEvent(EventSamples.lifeOf("acme").get(0)));
    ((ObjectNode) event.get("data")).remove("hash");
    ((ObjectNode) event.get("data")).put("sequence", 0);

    CodecException e = failure(() -> codec.decodeEvent(JSON.writeValueAsBytes(event)));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_DATA);
    assertThat(e.getMessage()).contains("data.hash must be a non-empty string, got nothing")
        .contains("data.sequence must be a whole number from 1, got 0");
    event.remove("time");
    assertThat(failure(() -> codec.decodeEvent(JSON.writeValueAsBytes(event))).getMessage())
        .contains("the CloudEvent has no time");
  }

  @Test
  void anEventWhoseTypeLacksItsKeysIsRefusedByName() throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(codec.encodeEvent(EventSamples.lifeOf("acme").get(8)));
    ((ObjectNode) event.get("data")).remove("reason");

    CodecException e = failure(() -> codec.decodeEvent(JSON.writeValueAsBytes(event)));

    assertThat(e.getMessage()).startsWith("cluster.degraded needs data key(s) reason");
    assertThat(e.tenant()).contains("acme");
  }

  @Test
  void deadLetterReasonsAreMetricLabels() {
    assertThat(DeadLetterReason.NOT_A_CLOUDEVENT.label()).isEqualTo("not_a_cloudevent");
  }
}
