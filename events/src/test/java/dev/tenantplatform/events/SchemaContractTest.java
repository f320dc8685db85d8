package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the codec writes is what the published JSON Schemas describe, and the schemas refuse what they should. */
class SchemaContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema REQUEST = load(Schemas.TENANT_REQUEST);
  private static final JsonSchema EVENT = load(Schemas.TENANT_EVENT);
  private final CloudEventCodec codec = new CloudEventCodec();

  private static JsonSchema load(Schemas schema) {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema.open(), config);
  }

  private static Set<ValidationMessage> check(JsonSchema schema, byte[] document) throws Exception {
    return schema.validate(JSON.readTree(document));
  }

  private ObjectNode encodedRequest() throws Exception {
    return (ObjectNode) JSON.readTree(codec.encodeRequest(EventSamples.create("acme")));
  }

  private ObjectNode encodedEvent(EventType type) throws Exception {
    TenantEvent unsealed = EventSamples.unsealedOfEachType("acme").get(type);
    return (ObjectNode) JSON.readTree(codec.encodeEvent(HashChain.next(ChainHead.genesis("acme"), unsealed)));
  }

  @Test
  void everyKindOfEncodedRequestMatchesTheRequestSchema() throws Exception {
    List<TenantRequest> requests = List.of(EventSamples.create("acme"),
        TenantRequest.create("a", "bob", ClusterSpec.UNCHANGED),
        TenantRequest.create("acme-2", "bob", new ClusterSpec("v1.33.1-k0s.0", 1, 0, "calico", "pvc",
            "LoadBalancer", "dev")),
        TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED.withVersion("v1.33.1")),
        TenantRequest.delete("acme", "bob"));
    for (TenantRequest request : requests) {
      byte[] encoded = codec.encodeRequest(request, URI.create("https://crm.example.com/onboarding"), Instant.now());
      assertThat(check(REQUEST, encoded)).as(new String(encoded)).isEmpty();
    }
  }

  @Test
  void everyEventTypeAndAWholeLifeMatchTheEventSchema() throws Exception {
    for (EventType type : EventType.values()) {
      assertThat(EVENT.validate(encodedEvent(type))).as(type.eventName()).isEmpty();
    }
    for (TenantEvent event : EventSamples.lifeOf("acme")) {
      assertThat(check(EVENT, codec.encodeEvent(event))).as(event.type() + " " + event.sequence()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/data/tenant=\"Acme\"", "/data/tenant=\"a-very-long-tenant-name-over-forty-characters\"",
      "/data/cluster/controlPlaneReplicas=2", "/data/cluster/workers=-1", "/data/cluster/workers=2.5",
      "/data/cluster/version=\"1.32.8\"", "/data/cluster/version=\"v1.32.8+k3s.1\"", "/data/cluster/cni=\"cilium\"",
      "/data/cluster/serviceType=\"nodeport\"", "/data/cluster/infrastructure=\"aws\"",
      "/data/cluster/persistence=\"nfs\"", "/data/cluster/worker=3", "/data/action=\"destroy\"",
      "/data/requestedBy=\" \"", "/data/requestId=\"two words\"", "/data/extra=1", "/type=\"tenant.requested\"",
      "/specversion=\"0.3\"", "/requestId=\"r-1\"", "/data_base64=\"e30=\"", "/datacontenttype=\"text/plain\"",
      "/time=\"yesterday\"", "/data=[]"})
  void theRequestSchemaRefusesKnownBadRequests(String change) throws Exception {
    ObjectNode request = encodedRequest();

    apply(request, change);

    assertThat(REQUEST.validate(request)).as(change).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"requestId", "action", "tenant", "requestedBy"})
  void theRequestSchemaRequiresTheRequestFields(String field) throws Exception {
    ObjectNode request = encodedRequest();
    ((ObjectNode) request.get("data")).remove(field);

    assertThat(REQUEST.validate(request)).isNotEmpty();
  }

  @Test
  void anUpdateMustNameAClusterField() throws Exception {
    ObjectNode update = (ObjectNode) JSON.readTree(codec.encodeRequest(
        TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED)));

    assertThat(REQUEST.validate(update)).isNotEmpty();
    ((ObjectNode) update.get("data")).remove("cluster");
    assertThat(REQUEST.validate(update)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/data/hash=\"ABC\"", "/data/previousHash=\"0\"", "/data/sequence=0",
      "/data/sequence=\"1\"", "/data/tenant=\"Acme\"", "/type=\"dev.tenantplatform.tenant.exploded.v1\"",
      "/id=\"not-a-uuid\"", "/subject=\"Acme\"", "/time=\"soon\"", "/specversion=\"1.1\"", "/previousHash=\"x\""})
  void theEventSchemaRefusesKnownBadEvents(String change) throws Exception {
    ObjectNode event = encodedEvent(EventType.CLUSTER_WORKERS_READY);

    apply(event, change);

    assertThat(EVENT.validate(event)).as(change).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/data/resources/k0s/cpuMillis=-1", "/data/resources/etcd/memoryBytes=\"1Gi\"",
      "/data/resources/k0s/cpu=1", "/data/resources/kine={\"pods\":1,\"cpuMillis\":1,\"memoryBytes\":1}",
      "/data/resources/etcd={\"pods\":3}"})
  void theEventSchemaRefusesControlPlaneRequestsItCannotRead(String change) throws Exception {
    ObjectNode event = encodedEvent(EventType.CLUSTER_CONTROLPLANE_READY);
    assertThat(EVENT.validate(event)).as("the sample, before the change").isEmpty();

    apply(event, change);

    assertThat(EVENT.validate(event)).as(change).isNotEmpty();
  }

  @Test
  void aControlPlaneReadyWrittenBeforeRequestsWereReportedStillMatches() throws Exception {
    ObjectNode event = encodedEvent(EventType.CLUSTER_CONTROLPLANE_READY);

    ((ObjectNode) event.get("data")).remove("resources");

    assertThat(EVENT.validate(event)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tenant", "sequence", "requestId", "previousHash", "hash"})
  void theEventSchemaRequiresEveryChainField(String field) throws Exception {
    ObjectNode event = encodedEvent(EventType.TENANT_DELETED);
    ((ObjectNode) event.get("data")).remove(field);

    assertThat(EVENT.validate(event)).isNotEmpty();
  }

  @Test
  void theEventSchemaRequiresEachTypesKeys() throws Exception {
    for (EventType type : EventType.values()) {
      for (String key : type.requiredKeys()) {
        ObjectNode event = encodedEvent(type);
        ((ObjectNode) event.get("data")).remove(key);
        assertThat(EVENT.validate(event)).as(type + " without " + key).isNotEmpty();
      }
    }
    ObjectNode recovery = encodedEvent(EventType.TENANT_READY);
    ObjectNode data = (ObjectNode) recovery.get("data");
    data.remove(List.of("controlPlaneReadySeconds", "provisionedSeconds", "readySeconds"));
    data.put("recovered", true);
    assertThat(EVENT.validate(recovery)).as("a recovery without degradedSeconds").isNotEmpty();
    data.put("degradedSeconds", 42.5);
    assertThat(EVENT.validate(recovery)).as("a recovery").isEmpty();
  }

  @Test
  void theSchemaListsTheSameTypesAndRequiredKeysAsTheCode() throws Exception {
    JsonNode schema = JSON.readTree(Schemas.TENANT_EVENT.text());
    List<String> types = new ArrayList<>();
    schema.at("/properties/type/enum").forEach(t -> types.add(t.asText()));
    assertThat(types).containsExactly(java.util.Arrays.stream(EventType.values()).map(EventType::ceType)
        .toArray(String[]::new));

    for (JsonNode rule : schema.get("allOf")) {
      EventType type = EventType.byCeType(rule.at("/if/properties/type/const").asText()).orElseThrow();
      JsonNode data = rule.at("/then/properties/data");
      if (type == EventType.TENANT_READY) {
        assertThat(strings(data.at("/else/required"))).isEqualTo(type.requiredKeys());
        assertThat(strings(data.at("/then/required"))).isEqualTo(EventType.RECOVERY_KEYS);
      } else {
        assertThat(strings(data.path("required"))).as(type.eventName()).isEqualTo(type.requiredKeys());
      }
    }
  }

  @Test
  void theSharedDefinitionsOfBothSchemasAreTheSame() throws Exception {
    JsonNode request = JSON.readTree(Schemas.TENANT_REQUEST.text());
    JsonNode event = JSON.readTree(Schemas.TENANT_EVENT.text());

    for (String definition : List.of("requestId", "tenant", "cluster")) {
      assertThat(event.at("/$defs/" + definition)).as(definition).isEqualTo(request.at("/$defs/" + definition));
    }
    assertThat(request.get("$id").asText()).isEqualTo(Schemas.TENANT_REQUEST.id().toString());
    assertThat(event.get("$id").asText()).isEqualTo(Schemas.TENANT_EVENT.id().toString());
  }

  @Test
  void theRequestSchemaAgreesWithTheCodeOnFieldsAndDefaults() throws Exception {
    JsonNode request = JSON.readTree(Schemas.TENANT_REQUEST.text());
    JsonNode cluster = request.at("/$defs/cluster/properties");

    assertThat(cluster.fieldNames()).toIterable().containsExactlyElementsOf(RequestJson.CLUSTER_FIELDS);
    assertThat(request.at("/$defs/request/properties").fieldNames()).toIterable()
        .containsExactlyElementsOf(RequestJson.REQUEST_FIELDS);
    ClusterSpec defaults = JSON.treeToValue(defaults(cluster), ClusterSpec.class);
    assertThat(defaults).isEqualTo(ClusterSpec.DEFAULTS);
    assertThat(strings(cluster.at("/persistence/enum"))).containsExactlyElementsOf(
        RequestLimits.DEFAULT.persistences());
    assertThat(strings(cluster.at("/serviceType/enum"))).containsExactlyElementsOf(
        RequestLimits.DEFAULT.serviceTypes());
    assertThat(strings(cluster.at("/infrastructure/enum"))).containsExactlyElementsOf(
        RequestLimits.DEFAULT.infrastructures());
  }

  private static ObjectNode defaults(JsonNode properties) {
    ObjectNode defaults = JSON.createObjectNode();
    properties.fields().forEachRemaining(f -> defaults.set(f.getKey(), f.getValue().get("default")));
    return defaults;
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** Applies {@code /path/to/field=json}, creating nothing but the last field. */
  private static void apply(ObjectNode document, String change) throws Exception {
    String path = change.substring(0, change.indexOf('='));
    JsonNode value = JSON.readTree(change.substring(change.indexOf('=') + 1));
    String parent = path.substring(0, path.lastIndexOf('/'));
    String field = path.substring(path.lastIndexOf('/') + 1);
    Consumer<ObjectNode> set = node -> node.set(field, value);
    set.accept((ObjectNode) (parent.isEmpty() ? document : document.at(parent)));
  }

}
