package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.kafka.client.common.TopicPartition;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InFlightTest {

  private static final TopicPartition P0 = new TopicPartition("tenant.requests", 0);
  private static final TopicPartition P1 = new TopicPartition("tenant.requests", 1);

  private final InFlight<String> inFlight = new InFlight<>(2, 10);

  InFlightTest() {
    inFlight.assigned(Set.of(P0, P1));
  }

  @Test
  void atTheBoundRecordsWaitAndEveryPartitionIsToBePaused() {
    assertThat(inFlight.arrived(held(P0, 0))).isTrue();
    assertThat(inFlight.full(P1)).isFalse();
    assertThat(inFlight.arrived(held(P1, 0))).isTrue();

    assertThat(inFlight.arrived(held(P0, 1))).as("a third record waits").isFalse();
    assertThat(inFlight.running()).isEqualTo(2);
    assertThat(inFlight.full(P0)).isTrue();
    assertThat(inFlight.full(P1)).as("the bound is the instance's, not the partition's").isTrue();
  }

  @Test
  void aFinishedRecordLetsTheNextWaitingOneStartInArrivalOrder() {
    inFlight.arrived(held(P0, 0));
    inFlight.arrived(held(P0, 1));
    inFlight.arrived(held(P1, 0));
    inFlight.arrived(held(P0, 2));

    assertThat(inFlight.finished(held(P0, 0))).as("offset 1 still in work").isEqualTo(1);
    assertThat(inFlight.next()).isEqualTo(held(P1, 0));
    assertThat(inFlight.next()).as("the bound is reached again").isNull();
  }

  @Test
  void aPartitionHandedOverStartsNothingMoreAndCommitsBelowItsFirstUnfinishedRecord() {
    inFlight.arrived(held(P0, 5));
    inFlight.arrived(held(P0, 6));
    inFlight.arrived(held(P0, 7));
    inFlight.leaving(Set.of(P0));
    inFlight.finished(held(P0, 5));

    assertThat(inFlight.next()).as("record 7 of a partition being handed over does not start").isNull();
    assertThat(inFlight.release(Set.of(P0))).containsEntry(P0, 6L);
    assertThat(inFlight.owns(P0)).isFalse();
    assertThat(inFlight.finished(held(P0, 6))).as("nothing to commit for a partition given up").isEqualTo(-1);
  }

  private static InFlight.Held<String> held(TopicPartition partition, long offset) {
    return new InFlight.Held<>(partition, offset, partition.getPartition() + "@" + offset);
  }
}
