package dev.tenantplatform.support;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings of the platform's Kafka clients, in one place: keys are tenant names (UTF-8 strings), values
 * the CloudEvents' bytes as they are on the wire. Every client starts from {@link #connection(String)}, so that
 * the process's {@link KafkaSecurity} reaches all of them.
 */
public final class KafkaClients {

  /**
   * How every client of this process reaches the brokers. One value per process, set once at start by the mode
   * that knows it ({@code run}), because the brokers are one for all the process's clients and threading the
   * credentials through each component's configuration would put them in every config record and its logs.
   */
  private static volatile KafkaSecurity security = KafkaSecurity.PLAINTEXT;

  /**
   * At most five requests in flight is the most an idempotent producer allows while still keeping the order
   * of the records of one partition across retries.
   */
  public static final int MAX_IN_FLIGHT = 5;

  private KafkaClients() {
  }

  /** Makes every Kafka client created from now on connect with {@code settings}. */
  public static void useSecurity(KafkaSecurity settings) {
    security = java.util.Objects.requireNonNull(settings, "settings");
  }

  /** The bootstrap servers and the security settings: what any client needs to reach the brokers. */
  public static Map<String, String> connection(String bootstrapServers) {
    Map<String, String> config = new HashMap<>(security.clientProperties());
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  /**
   * An idempotent producer that answers only once every in-sync replica has a record: a retried send is
   * written once, and the records of one partition keep the order they were sent in.
   *
   * @param overrides settings that win over these (a client id, size limits); may not weaken the guarantees
   */
  public static Map<String, String> idempotentProducer(String bootstrapServers, Map<String, String> overrides) {
    Map<String, String> config = connection(bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.putAll(overrides);
    for (Map.Entry<String, String> guarantee : Map.of(
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.ACKS_CONFIG, "all").entrySet()) {
      String given = config.put(guarantee.getKey(), guarantee.getValue());
      if (given != null && !given.equals(guarantee.getValue())) {
        throw new IllegalArgumentException("producer setting " + guarantee.getKey() + "=" + given
            + " is refused: the platform's events need " + guarantee.getKey() + "=" + guarantee.getValue());
      }
    }
    int inFlight = Integer.parseInt(config.getOrDefault(
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(MAX_IN_FLIGHT)));
    if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
      throw new IllegalArgumentException("producer setting " + ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION
          + "=" + inFlight + " is refused: an idempotent producer keeps order with 1 to " + MAX_IN_FLIGHT);
    }
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(inFlight));
    return config;
  }

  /**
   * A consumer that reads assigned partitions without a consumer group: nothing is committed, every reader
   * starts where it seeks, and a missing topic stays missing.
   */
  public static Map<String, Object> logReader(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>(connection(bootstrapServers));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The ledger writes in transactions, and the broker aborts those of a writer fenced off by the next owner
    // of its partition: an aborted event is no part of any chain.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A reader of a missing topic must hear that it is missing, not create it with the broker's defaults.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return config;
  }
}
