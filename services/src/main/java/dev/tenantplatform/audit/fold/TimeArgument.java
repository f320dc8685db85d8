package dev.tenantplatform.audit.fold;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A time given by a person on a command line or in a query string: an RFC 3339 instant
 * ({@code 2026-01-02T03:04:05Z}, {@code 2026-01-02T04:04:05+01:00}), a date-time without zone (taken as UTC),
 * a date (its midnight, UTC) or milliseconds since the epoch.
 */
public final class TimeArgument {

  private TimeArgument() {
  }

  /**
   * The instant {@code text} names.
   *
   * @throws IllegalArgumentException with the forms that are understood
   */
  public static Instant parse(String text) {
    String value = text == null ? "" : text.trim();
    try {
      if (value.matches("\\d{10,}")) {
        return Instant.ofEpochMilli(Long.parseLong(value));
      }
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (value.matches(".*([zZ]|[+-]\\d{2}:\\d{2})")) {
        return OffsetDateTime.parse(value.replace('z', 'Z').replace(' ', 'T')).toInstant();
      }
      return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a time: use 2026-01-02T03:04:05Z (RFC 3339),"
          + " 2026-01-02T04:04:05+01:00, 2026-01-02 (midnight UTC) or milliseconds since the epoch");
    }
  }
}
