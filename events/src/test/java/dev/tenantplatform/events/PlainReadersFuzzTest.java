package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The streaming readers against the envelope's tree on records damaged at random, a character at a time: for
 * every one, the codec (which tries the streaming reader first) reads the same request or event as the tree
 * alone, or refuses it with the same reason and words. Seeded, so a failure names a record that fails again.
 */
class PlainReadersFuzzTest {

  private static final long SEED = 20_261_126L;
  private static final int DAMAGED_PER_RECORD = 400;
  /** What a damaged character becomes: JSON's own signs, the letters and digits of names, and some others. */
  private static final String ALPHABET = "{}[]:,\"\\ -+.0123456789eEaAzZtnlfu/TZ\u00e9\u2028\n";
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");

  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  void aDamagedRequestIsReadOrRefusedAsTheTreeReadsOrRefusesIt() {
    List<byte[]> records = List.of(
        codec.encodeRequest(EventSamples.create("acme"), URI.create("/crm"), NOW),
        codec.encodeRequest(TenantRequest.update("acme", "bob", ClusterSpec.UNCHANGED.withWorkers(7)),
            URI.create("https://crm.example.com/hooks"), null),
        codec.encodeRequest(TenantRequest.delete("acme", "carol"), URI.create("/api"), NOW),
        codec.encodeKubeconfigRead(new KubeconfigRead("k1", "acme", "ops", "admin", NOW)));

    assertSameOutcomes(records, codec::decodeRequestRecord, codec::decodeRequestRecordFromTree);
  }

  @Test
  void aDamagedEventIsReadOrRefusedAsTheTreeReadsOrRefusesIt() {
    List<byte[]> records = new ArrayList<>();
    for (TenantEvent event : EventSamples.lifeOf("acme")) {
      records.add(codec.encodeEvent(event));
    }

    assertSameOutcomes(records, codec::decodeEvent, codec::decodeEventFromTree);
  }

  private static void assertSameOutcomes(List<byte[]> records, Function<byte[], Object> codecFirst,
      Function<byte[], Object> treeAlone) {
    Random random = new Random(SEED);
    int differing = 0;
    List<String> shown = new ArrayList<>();
    for (byte[] record : records) {
      String text = new String(record, StandardCharsets.UTF_8);
      for (int i = 0; i < DAMAGED_PER_RECORD; i++) {
        String damaged = damage(text, random);
        byte[] bytes = damaged.getBytes(StandardCharsets.UTF_8);
        String fast = outcome(codecFirst, bytes);
        String tree = outcome(treeAlone, bytes);
        if (!fast.equals(tree)) {
          differing++;
          if (shown.size() < 3) {
            shown.add(damaged + "\n  codec: " + fast + "\n  tree:  " + tree);
          }
        }
      }
    }
    assertThat(differing).as(String.join("\n", shown)).isZero();
  }

  /** {@code text} with one character removed, doubled, replaced or swapped with the next. */
  private static String damage(String text, Random random) {
    int at = random.nextInt(text.length() - 1);
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    return switch (random.nextInt(4)) {
      case 0 -> text.substring(0, at) + text.substring(at + 1);
      case 1 -> text.substring(0, at + 1) + text.substring(at);
      case 2 -> text.substring(0, at) + c + text.substring(at + 1);
      default -> text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2);
    };
  }

  /** What reading {@code record} gives: the value read, or the refusal's reason, words, tenant and request. */
  private static String outcome(Function<byte[], Object> read, byte[] record) {
    try {
      return "read " + read.apply(record);
    } catch (CodecException e) {
      return "refused " + e.reason() + " " + e.getMessage() + " tenant=" + e.tenant() + " request="
          + e.requestId();
    }
  }
}
