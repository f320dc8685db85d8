package dev.tenantplatform.support;

import dev.tenantplatform.events.Topic;
import dev.tenantplatform.events.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform's topics where they are missing, with the partition count of the configuration
 * and each topic's own settings (every topic is kept forever: the log is the audit trail). Existing
 * topics are left as they are.
 */
public final class KafkaTopics {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

  private KafkaTopics() {
  }

  /** Blocking: call it from a worker thread or before Vert.x starts. Returns the topics it created. */
  public static List<String> ensure(String bootstrapServers, int partitions) {
    Map<String, Object> settings = new HashMap<>(KafkaClients.connection(bootstrapServers));
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(settings)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = Topics.ALL.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> newTopic(t, partitions))
          .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        LOG.info("created topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(), partitions);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the platform's topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the platform's topics on " + bootstrapServers
          + ": " + e.getMessage() + " (is Kafka reachable, and may this client create topics?)", e);
    }
  }

  private static NewTopic newTopic(Topic<?> topic, int partitions) {
    // The broker's default replication factor: one on the embedded broker, what the operator chose elsewhere.
    return new NewTopic(topic.name(), Optional.of(partitions), Optional.empty()).configs(topic.config());
  }
}
