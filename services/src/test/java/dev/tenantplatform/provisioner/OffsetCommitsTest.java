package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OffsetCommitsTest {

  private static final TopicPartition P0 = new TopicPartition("tenant.requests", 0);
  private static final TopicPartition P1 = new TopicPartition("tenant.requests", 1);

  private final List<Map<TopicPartition, OffsetAndMetadata>> sent = new ArrayList<>();
  private final List<Promise<Void>> answers = new ArrayList<>();
  private final OffsetCommits commits = new OffsetCommits(offsets -> {
    sent.add(offsets);
    Promise<Void> answer = Promise.promise();
    answers.add(answer);
    return answer.future();
  });

  @Test
  void offsetsThatBecomeCommittableWhileACommitIsOnItsWayGoTogetherWithTheLatestOfEachPartition() {
    commits.commit(P0, 5);
    commits.commit(P0, 7);
    commits.commit(P1, 3);
    commits.commit(P0, 6);

    assertThat(sent).hasSize(1);
    answers.get(0).complete();

    assertThat(sent).hasSize(2);
    assertThat(offsets(sent.get(0))).containsExactly(Map.entry("0", 5L));
    assertThat(offsets(sent.get(1))).containsExactly(Map.entry("0", 7L), Map.entry("1", 3L));
    answers.get(1).complete();
    assertThat(sent).hasSize(2);
  }

  @Test
  void aFailedCommitDoesNotStopTheNextAndHandedOverPartitionsAreNotCommittedAnyMore() {
    commits.commit(P0, 5);
    commits.commit(P0, 9);
    commits.commit(P1, 4);
    commits.forget(Set.of(P1));

    answers.get(0).fail("the coordinator moved");

    assertThat(sent).hasSize(2);
    assertThat(offsets(sent.get(1))).containsExactly(Map.entry("0", 9L));
  }

  private static Map<String, Long> offsets(Map<TopicPartition, OffsetAndMetadata> commit) {
    Map<String, Long> byPartition = new TreeMap<>();
    commit.forEach((partition, offset) -> byPartition.put(String.valueOf(partition.getPartition()), offset.getOffset()));
    return byPartition;
  }
}
