package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A kubeconfig read is recorded on tenant.requests beside the requests: who, when, which scope, no secret. */
class KubeconfigReadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CloudEventCodec codec = new CloudEventCodec();
  private final KubeconfigRead read = new KubeconfigRead("7c0e2f3a-read", "acme", "alice@example.com", "tenant",
      Instant.parse("2026-03-04T05:06:07.089Z"));

  @Test
  void aReadSurvivesARoundTripBesideRequests() {
    RequestRecord back = codec.decodeRequestRecord(codec.encodeKubeconfigRead(read));
    RequestRecord request = codec.decodeRequestRecord(codec.encodeRequest(EventSamples.create("acme")));

    assertThat(back).isEqualTo(read);
    assertThat(request).isInstanceOf(RequestEnvelope.class);
  }

  @Test
  void anEncodedReadMatchesItsSchemaAndHoldsNothingButWhoWhenAndScope() throws Exception {
    byte[] encoded = codec.encodeKubeconfigRead(read);
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
        Schemas.KUBECONFIG_READ.open(), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

    assertThat(schema.validate(JSON.readTree(encoded))).isEmpty();
    assertThat(JSON.readTree(encoded).get("data").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("tenant", "readBy", "scope");
  }

  @Test
  void aReadWithoutItsReaderIsBadDataNamingTheTenant() throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(codec.encodeKubeconfigRead(read));
    ((ObjectNode) envelope.get("data")).remove("readBy");

    CodecException e = catchThrowableOfType(CodecException.class,
        () -> codec.decodeRequestRecord(JSON.writeValueAsBytes(envelope)));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_DATA);
    assertThat(e.getMessage()).contains("data.readBy");
    assertThat(e.tenant()).contains("acme");
  }

  @Test
  void theStrictRequestReaderStillRefusesARead() {
    CodecException e = catchThrowableOfType(CodecException.class,
        () -> codec.decodeRequest(codec.encodeKubeconfigRead(read)));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
  }
}
