package dev.tenantplatform.testing;

import dev.tenantplatform.events.Topics;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A provisioner group of a test's own that starts at the end of {@code tenant.requests}: the broker is shared by
 * every test class, and a group that began at the earliest record would provision every tenant the classes
 * before it requested, in this class's API, slowing its simulator down by as much.
 */
public final class FreshGroup {

  private FreshGroup() {
  }

  /** A new group id with {@code prefix}, its offsets committed at the current end of every partition. */
  public static String atEnd(KafkaCluster kafka, String prefix) {
    String group = prefix + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      String topic = Topics.REQUESTS.name();
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      admin.alterConsumerGroupOffsets(group, ends.keySet().stream().collect(Collectors.toMap(Function.identity(),
          tp -> new OffsetAndMetadata(ends.get(tp).offset())))).all().get(30, TimeUnit.SECONDS);
      return group;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start group " + group + " at the end of the requests", e);
    }
  }
}
