package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Plain event records are read with the streaming parser, and read as the envelope's tree reads them; whatever
 * is not plain is left to the tree, so that it is read, or refused, as it always was.
 */
class PlainEventReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  void everyTypeOfEventTheCodecWritesIsReadPlainAndAsTheTreeReadsIt() {
    List<TenantEvent> events = new ArrayList<>(EventSamples.lifeOf("acme"));
    events.addAll(EventSamples.seal(List.copyOf(EventSamples.unsealedOfEachType("umbrella").values())));
    events.add(HashChain.next(ChainHead.genesis("decimals"), TenantEvent.unsealed(EventType.TENANT_READY,
        "decimals", "r1", EventSamples.T0, EventData.ready(Duration.ofMillis(6000), Duration.ofMillis(61_500),
            Duration.ofMillis(12_345)))));

    for (TenantEvent event : events) {
      byte[] record = codec.encodeEvent(event);

      assertThat(PlainEventReader.read(record)).as(event.type().ceType()).isEqualTo(event)
          .isEqualTo(codec.decodeEventFromTree(record));
    }
  }

  @Test
  void whatIsNotPlainIsLeftToTheTreeAndReadOrRefusedAsBefore() throws Exception {
    byte[] plain = codec.encodeEvent(EventSamples.lifeOf("acme").get(1));
    String text = new String(plain, StandardCharsets.UTF_8);
    List<byte[]> unusual = List.of(
        tampered(plain, e -> e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")),
        tampered(plain, e -> e.put("time", "2026-03-04T07:06:07.089+02:00")),
        tampered(plain, e -> e.put("datacontenttype", "application/json; charset=utf-8")),
        tampered(plain, e -> e.put("subject", "someone-else")),
        tampered(plain, e -> e.put("source", "not a uri")),
        tampered(plain, e -> e.put("type", "dev.tenantplatform.tenant.exploded.v1")),
        tampered(plain, e -> e.put("specversion", "0.3")),
        tampered(plain, e -> ((ObjectNode) e.get("data")).put("sequence", "2")),
        tampered(plain, e -> ((ObjectNode) e.get("data")).put("hash", "")),
        tampered(plain, e -> ((ObjectNode) e.get("data")).put("cost", new java.math.BigInteger("1".repeat(30)))),
        tampered(plain, e -> e.remove("time")),
        bytes(text.replace("{\"specversion\":\"1.0\",", "{\"specversion\":\"1.0\",\"id\":\"again\",")),
        bytes(text.replace("\"sequence\":", "\"sequence\":7,\"sequence\":")),
        bytes(text + " {}"),
        bytes("[" + text + "]"));

    for (byte[] record : unusual) {
      assertThat(PlainEventReader.read(record)).as(new String(record, StandardCharsets.UTF_8)).isNull();
      CodecException refused = catchThrowableOfType(CodecException.class, () -> codec.decodeEvent(record));
      CodecException before = catchThrowableOfType(CodecException.class, () -> codec.decodeEventFromTree(record));
      if (before == null) {
        assertThat(codec.decodeEvent(record)).isEqualTo(codec.decodeEventFromTree(record));
      } else {
        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(before.reason());
        assertThat(refused.getMessage()).isEqualTo(before.getMessage());
      }
    }
  }

  private static byte[] tampered(byte[] record, Consumer<ObjectNode> change) throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(record);
    change.accept(envelope);
    return JSON.writeValueAsBytes(envelope);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
