package dev.tenantplatform.testing;

import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.support.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives tests a real Kafka broker, one per test JVM, with the platform's topics: Testcontainers Kafka when a
 * Docker engine answers, the embedded KRaft broker otherwise. Tests ask for a {@link KafkaCluster} parameter.
 */
public final class KafkaExtension implements ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaExtension.class);
  private static final String IMAGE = "apache/kafka:4.1.1";
  public static final int PARTITIONS = 3;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(KafkaCluster.class, key -> start(), KafkaCluster.class);
  }

  private static KafkaCluster start() {
    KafkaCluster cluster = dockerEngineAnswers() ? container() : embedded();
    KafkaTopics.ensure(cluster.bootstrapServers(), PARTITIONS);
    LOG.info("tests run on {}", cluster.description());
    return cluster;
  }

  /** The docker CLI alone means nothing; ask Testcontainers only where an engine could be there at all. */
  private static boolean dockerEngineAnswers() {
    boolean maybe = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    return maybe && DockerClientFactory.instance().isDockerAvailable();
  }

  private static KafkaCluster container() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new KafkaCluster() {
      @Override
      public String bootstrapServers() {
        return container.getBootstrapServers();
      }

      @Override
      public String description() {
        return "Testcontainers Kafka " + IMAGE;
      }

      @Override
      public void close() {
        container.stop();
      }
    };
  }

  private static KafkaCluster embedded() {
    try {
      Path dir = Files.createTempDirectory("tenant-platform-kafka-");
      EmbeddedKafka broker = EmbeddedKafka.start(dir);
      return new KafkaCluster() {
        @Override
        public String bootstrapServers() {
          return broker.bootstrapServers();
        }

        @Override
        public String description() {
          return "the embedded KRaft broker on " + broker.bootstrapServers();
        }

        @Override
        public void close() {
          broker.close();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
