package dev.tenantplatform.audit.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeArgumentTest {

  @ParameterizedTest
  @CsvSource({
      "2026-01-02T03:04:05Z, 2026-01-02T03:04:05Z",
      "2026-01-02T03:04:05.678Z, 2026-01-02T03:04:05.678Z",
      "2026-01-02T04:04:05+01:00, 2026-01-02T03:04:05Z",
      "2026-01-02T03:04:05, 2026-01-02T03:04:05Z",
      "2026-01-02 03:04:05, 2026-01-02T03:04:05Z",
      "2026-01-02, 2026-01-02T00:00:00Z",
      "1767323045678, 2026-01-02T03:04:05.678Z"})
  void theFormsPeopleTypeAreRead(String text, String instant) {
    assertThat(TimeArgument.parse(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-13-01", "2026-01-02T25:00:00Z", "", "12:00"})
  void anythingElseIsRefusedWithTheFormsThatWork(String text) {
    assertThatThrownBy(() -> TimeArgument.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a time: use 2026-01-02T03:04:05Z (RFC 3339)");
  }
}
