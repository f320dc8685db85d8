package dev.tenantplatform.audit.fold;

import java.util.Map;
import java.util.Objects;

/**
 * One record of the platform's log as the fold sees it: nothing of a Kafka client, so that the fold can be fed
 * by a consumer, a file or a test alike.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestamp the record's timestamp, milliseconds since the epoch (what offsets-for-times searches)
 * @param key the record key as UTF-8 text (the tenant name on every platform topic), or null
 * @param value the record value as it is on the wire, or null
 * @param headers the record's headers as UTF-8 text; when a name repeats, the last value
 */
public record LogRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value,
    Map<String, String> headers) {

  public LogRecord {
    Objects.requireNonNull(topic, "topic");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public RecordRef ref() {
    return new RecordRef(topic, partition, offset);
  }
}
