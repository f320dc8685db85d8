package dev.tenantplatform.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** RFC 3339 times in UTC, read by hand in the spellings met by the million: the general parser costs more. */
public final class UtcTime {

  private UtcTime() {
  }

  /**
   * The spellings the platform writes, {@code 2026-01-02T03:04:05.678Z} and the SDK's shorter
   * {@code 2026-01-02T03:04:05.67Z} or {@code 2026-01-02T03:04:05Z} (it drops a fraction's trailing zeros), read
   * without the general parser; {@code null} for any other spelling, which the general parser then reads or
   * refuses. Kubernetes writes its times in the second form too.
   */
  public static Instant read(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || length == 21 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z' || length > 20 && text.charAt(19) != '.') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length == 20 ? 0 : digits(text, 20, length - 1);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
      return null;
    }
    int nanos = fraction;
    for (int i = length - 1; i < 29; i++) {
      nanos *= 10;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, length == 20 ? 0 : nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }}
