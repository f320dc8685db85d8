package dev.tenantplatform.events;

import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic of the platform: its name, what its keys and values are, and the configuration it is
 * created with.
 *
 * @param <V> what a value decodes to ({@code byte[]} when it is kept as it came)
 * @param name the topic's name
 * @param key what the record key is
 * @param valueType the type a value decodes to
 * @param value what a record value is, on the wire
 * @param config topic configuration to create it with ({@code retention.ms}, …)
 */
public record Topic<V>(String name, String key, Class<V> valueType, String value, Map<String, String> config) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(value, "value");
    config = Map.copyOf(config);
  }

  /**
   * A stable name for the record at {@code partition} and {@code offset} of this topic,
   * {@code tenant.requests-3@1234}: the request id of a rejection whose record had none that could be read.
   */
  public String recordId(int partition, long offset) {
    return name + "-" + partition + "@" + offset;
  }

  @Override
  public String toString() {
    return name;
  }
}
