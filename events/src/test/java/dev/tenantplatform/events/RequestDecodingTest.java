package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Requests are read from one parse when they are plain, and through the CloudEvents SDK otherwise: either way
 * a request reads as the SDK reads it, and what the SDK refuses is refused with its words.
 */
class RequestDecodingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  private static final EventFormat SDK = EventFormatProvider.getInstance().resolveFormat(CloudEventCodec.CONTENT_TYPE);
  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  void everyRequestTheCodecWritesReadsAsTheSdkReadsIt() {
    List<byte[]> records = new ArrayList<>();
    for (TenantRequest request : List.of(EventSamples.create("acme"), TenantRequest.delete("acme", "carol"),
        TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED.withWorkers(7)))) {
      records.add(codec.encodeRequest(request, URI.create("/crm"), NOW));
      records.add(codec.encodeRequest(request, URI.create("https://crm.example.com/hooks?x=1"), null));
    }

    for (byte[] record : records) {
      assertThat(codec.decodeRequest(record)).isEqualTo(throughTheSdk(record));
    }
  }

  @Test
  void aRequestWithAnExtensionOrAnotherTimeSpellingReadsAsThePlainOne() throws Exception {
    byte[] plain = codec.encodeRequest(EventSamples.create("acme"), URI.create("/crm"), NOW);
    RequestEnvelope expected = codec.decodeRequest(plain);

    for (byte[] unusual : List.of(
        tampered(plain, e -> e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")),
        tampered(plain, e -> e.put("time", "2026-03-04T07:06:07.089+02:00")),
        tampered(plain, e -> e.put("datacontenttype", "application/json; charset=utf-8")),
        tampered(plain, e -> e.remove("datacontenttype")))) {
      assertThat(codec.decodeRequest(unusual)).isEqualTo(expected).isEqualTo(throughTheSdk(unusual));
    }
  }

  @Test
  void whatTheSdkRefusesIsRefusedWithItsWordsAndKeepsTheTenant() throws Exception {
    byte[] plain = codec.encodeRequest(EventSamples.create("acme"), URI.create("/crm"), NOW);

    for (byte[] bad : List.of(
        tampered(plain, e -> e.put("time", "yesterday")),
        tampered(plain, e -> e.put("time", "2026-02-30T05:06:07.089Z")),
        tampered(plain, e -> e.put("source", "not a uri")),
        tampered(plain, e -> e.put("subject", 42)),
        tampered(plain, e -> e.put("dataschema", "::not a uri")),
        tampered(plain, e -> e.put("data_base64", "e30=")))) {
      CodecException e = catchThrowableOfType(CodecException.class, () -> codec.decodeRequest(bad));
      Throwable sdk = catchThrowable(() -> SDK.deserialize(bad));

      assertThat(sdk).as(new String(bad)).isNotNull();
      assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_A_CLOUDEVENT);
      assertThat(e.getMessage()).startsWith("the record is not a valid CloudEvent: ").endsWith(rootOf(sdk)
          .getMessage());
      assertThat(e.tenant()).contains("acme");
    }
  }

  private static RequestEnvelope throughTheSdk(byte[] record) {
    CloudEvent event = SDK.deserialize(record);
    ObjectNode data = (ObjectNode) ((JsonCloudEventData) event.getData()).getNode();
    return new RequestEnvelope(RequestJson.read(data), event.getSource(),
        event.getTime() == null ? null : event.getTime().toInstant());
  }

  private static byte[] tampered(byte[] record, Consumer<ObjectNode> change) throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(record);
    change.accept(envelope);
    return JSON.writeValueAsBytes(envelope);
  }

  private static Throwable rootOf(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
