package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Events are read without the CloudEvents SDK's second parse: what it refused is still refused, by reason. */
class EventDecodingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CloudEventCodec codec = new CloudEventCodec();
  private final TenantEvent ready = EventSamples.lifeOf("acme").stream()
      .filter(e -> e.type() == EventType.TENANT_READY).findFirst().orElseThrow();

  @Test
  void everyEventOfALifeReadsBackEqualWithItsChainIntact() {
    List<TenantEvent> life = EventSamples.lifeOf("acme");

    List<TenantEvent> read = life.stream().map(e -> codec.decodeEvent(codec.encodeEvent(e))).toList();

    assertThat(read).isEqualTo(life);
    assertThat(HashChain.verify(read)).isEmpty();
  }

  @Test
  void durationsWithTrailingZerosAreHashedInTheirNormalFormAndVerifyWhenReadBack() {
    for (long millis : new long[] {7250, 6000, 12345, 100, 1, 999_999, 61_500}) {
      TenantEvent sealed = HashChain.next(ChainHead.genesis("acme"), TenantEvent.unsealed(EventType.TENANT_READY,
          "acme", "r1", ready.time(), EventData.ready(Duration.ofMillis(millis), Duration.ofMillis(millis + 30),
              Duration.ofMillis(millis * 2))));

      TenantEvent back = codec.decodeEvent(codec.encodeEvent(sealed));

      assertThat(ChainVerifier.alteration(back)).as("%d ms", millis).isNull();
      assertThat(back).isEqualTo(sealed);
      assertThat(sealed.dataJson()).doesNotContainPattern("\\.\\d*0[,}]");
    }
  }

  @Test
  void aTimeInAnotherRfc3339SpellingMeansTheSameInstant() throws Exception {
    byte[] offset = tampered(e -> e.put("time", "2026-03-04T07:06:07.0891+02:00"));

    assertThat(codec.decodeEvent(offset).time()).isEqualTo(Instant.parse("2026-03-04T05:06:07.089Z"));
  }

  @Test
  void theShortCutForUtcTimesReadsWhatTheGeneralParserReadsAndLeavesItTheRest() {
    for (String time : new String[] {"2026-03-04T05:06:07.089Z", "2026-03-04T05:06:07.08Z", "2026-03-04T05:06:07.8Z",
        "2026-03-04T05:06:07Z", "2026-03-04T05:06:07.123456789Z", "2026-03-04T05:06:07.1234Z",
        "2024-02-29T23:59:59.999Z"}) {
      assertThat(UtcTime.read(time)).as(time)
          .isEqualTo(OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }
    for (String other : new String[] {"2026-03-04T05:06:07.Z", "2026-03-04T05:06:07.0891+02:00",
        "2026-02-30T05:06:07.089Z", "2026-03-04T24:06:07Z", "2026-03-04T05:06:07.1234567890Z", "2026-03-04 05:06:07Z",
        "2026-03-04T05:06:07.08aZ"}) {
      assertThat(UtcTime.read(other)).as(other).isNull();
    }
  }

  @Test
  void aTimeThatIsNoTimestampIsNoCloudEvent() throws Exception {
    for (String time : new String[] {"yesterday", "2026-13-04T05:06:07.089Z", "2026-02-30T05:06:07.089Z"}) {
      CodecException e = refused(tampered(env -> env.put("time", time)));

      assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_A_CLOUDEVENT);
      assertThat(e.getMessage()).contains("is not an RFC 3339 timestamp");
      assertThat(e.tenant()).contains("acme");
    }
  }

  @Test
  void aSourceThatIsNoUriReferenceIsNoCloudEvent() throws Exception {
    CodecException e = refused(tampered(env -> env.put("source", "not a uri")));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_A_CLOUDEVENT);
    assertThat(e.getMessage()).contains("source 'not a uri' is not a URI-reference");
  }

  @Test
  void anAttributeHoldingAnObjectIsNoCloudEvent() throws Exception {
    CodecException e = refused(tampered(env -> env.putObject("traceparent").put("x", 1)));

    assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_A_CLOUDEVENT);
    assertThat(e.getMessage()).contains("attribute 'traceparent' is object");
  }

  @Test
  void dataThatIsNotAJsonObjectIsBadData() throws Exception {
    CodecException encoded = refused(tampered(env -> {
      env.remove("data");
      env.put("data_base64", "e30=");
    }));
    CodecException text = refused(tampered(env -> env.put("datacontenttype", "text/plain")));
    CodecException array = refused(tampered(env -> env.putArray("data")));

    assertThat(List.of(encoded, text, array)).extracting(CodecException::reason)
        .containsOnly(DeadLetterReason.BAD_DATA);
    assertThat(array.getMessage()).contains("data must be a JSON object").endsWith("got array");
  }

  @Test
  void theCanonicalTimeSpellingMatchesTheFormatterAcrossTheCalendar() {
    DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);
    for (Instant t : new Instant[] {Instant.EPOCH, Instant.parse("2024-02-29T23:59:59.999Z"),
        Instant.parse("2026-03-04T05:06:07.089Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
        Instant.parse("1969-12-31T23:59:59.001Z"), Instant.parse("+10000-01-01T00:00:00Z")}) {
      assertThat(HashChain.formatTime(t)).isEqualTo(reference.format(t));
    }
  }

  @Test
  void theDataTextIsTheCanonicalSpellingOfTheData() throws Exception {
    assertThat(JSON.readTree(ready.dataJson())).isEqualTo(JSON.readTree(ready.data().toString()));
    assertThat(ready.dataJson()).doesNotContain(" ").startsWith("{\"controlPlaneReadySeconds\":");
  }

  @Test
  void aSingleEventsAlterationIsNamedWithoutItsChain() {
    TenantEvent forged = new TenantEvent(ready.id(), ready.type(), ready.tenant(), ready.sequence(),
        ready.previousHash(), ready.hash(), "someone-else", ready.time(), ready.data());

    assertThat(ChainVerifier.alteration(ready)).isNull();
    assertThat(ChainVerifier.alteration(forged)).contains("it was altered after it was written");
  }

  private byte[] tampered(Consumer<ObjectNode> change) throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(codec.encodeEvent(ready));
    change.accept(envelope);
    return JSON.writeValueAsBytes(envelope);
  }

  private CodecException refused(byte[] record) {
    return catchThrowableOfType(CodecException.class, () -> codec.decodeEvent(record));
  }
}
