package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whatever byte of a stored event is changed, the record is refused or its chain no longer verifies. */
class TamperEvidenceTest {

  private final CloudEventCodec codec = new CloudEventCodec();

  // The id, type, time and data are covered by the hash (the id through tenant and sequence); the rest of the
  // envelope (source, datacontenttype, the attribute names) is transport and is not.
  @Test
  void everyChangedLetterOrDigitOfTheHashedPartsIsRefusedOrBreaksTheChain() {
    List<TenantEvent> life = EventSamples.lifeOf("acme");
    for (int index : new int[] {0, 6, 8, 9}) {
      TenantEvent original = life.get(index);
      byte[] record = codec.encodeEvent(original);
      String text = new String(record, StandardCharsets.UTF_8);
      int detected = 0;
      for (int i = 0; i < record.length; i++) {
        Optional<Byte> flipped = flip(record[i]);
        if (flipped.isEmpty() || !hashed(text, i)) {
          continue;
        }
        byte[] tampered = record.clone();
        tampered[i] = flipped.get();
        TenantEvent decoded;
        try {
          decoded = codec.decodeEvent(tampered);
        } catch (CodecException refused) {
          continue;
        }
        List<TenantEvent> log = new ArrayList<>(life.subList(0, index));
        log.add(decoded);
        log.addAll(life.subList(index + 1, life.size()));
        assertThat(HashChain.verify(log)).as("byte %d of event %d: %s", i, original.sequence(),
            new String(tampered, StandardCharsets.UTF_8)).hasValueSatisfying(b ->
            assertThat(b.position()).as("the record that shows the break").isIn((long) index, index + 1L));
        detected++;
      }
      assertThat(detected).as("changes that decoded and were caught by the chain").isGreaterThan(100);
    }
  }

  private static boolean hashed(String record, int position) {
    for (String attribute : List.of("id", "type", "time")) {
      int start = record.indexOf("\"" + attribute + "\":\"") + attribute.length() + 4;
      if (position >= start && position < record.indexOf('"', start)) {
        return true;
      }
    }
    return position > record.indexOf("\"data\":") + 6 && position < record.length() - 1;
  }

  /** Another letter or digit in place of a letter or digit, so that the JSON mostly stays readable. */
  private static Optional<Byte> flip(byte b) {
    if (b >= '0' && b <= '9') {
      return Optional.of((byte) ('0' + (b - '0' + 1) % 10));
    }
    if (b >= 'a' && b <= 'z') {
      return Optional.of((byte) ('a' + (b - 'a' + 1) % 26));
    }
    if (b >= 'A' && b <= 'Z') {
      return Optional.of((byte) ('A' + (b - 'A' + 1) % 26));
    }
    return Optional.empty();
  }
}
