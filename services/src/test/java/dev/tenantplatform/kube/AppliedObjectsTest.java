package dev.tenantplatform.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the applier reads the creation time an API server stamps on an object. */
class AppliedObjectsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-26T03:03:15Z", "1970-01-01T00:00:00Z", "2028-02-29T23:59:59Z",
      "2026-11-26T03:03:15.999Z", "2026-11-26T04:03:15+01:00", "9999-12-31T23:59:59Z"})
  void aCreationTimeIsTheInstantItSpells(String time) {
    assertThat(AppliedObjects.epochSecond(time)).isEqualTo(Instant.parse(time).getEpochSecond());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-26T03:03:15Z", "2026-02-30T03:03:15Z", "2026-11-26T24:03:15Z",
      "2026-11-2aT03:03:15Z", "yesterday", ""})
  void aTimeThatIsNoneIsRefused(String time) {
    assertThatThrownBy(() -> AppliedObjects.epochSecond(time)).isInstanceOf(DateTimeException.class);
  }

  @Test
  void anObjectStampedInTheSecondOfTheCallIsNotOlderThanIt() {
    Instant sent = Instant.parse("2026-11-26T03:03:15.800Z");
    assertThat(AppliedObjects.epochSecond("2026-11-26T03:03:15Z")).isGreaterThanOrEqualTo(sent.getEpochSecond());
    assertThat(AppliedObjects.epochSecond("2026-11-26T03:03:14Z")).isLessThan(sent.getEpochSecond());
  }
}
