package dev.tenantplatform.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void inOrderCompletionCommitsEachNextOffset() {
    tracker.started(0);
    tracker.started(1);
    assertThat(tracker.finished(0)).isEqualTo(1);
    assertThat(tracker.finished(1)).isEqualTo(2);
  }

  @Test
  void aSlowRecordHoldsTheCommitBackUntilItFinishes() {
    tracker.started(10);
    tracker.started(11);
    tracker.started(12);

    assertThat(tracker.finished(11)).as("10 still in flight").isEqualTo(-1);
    assertThat(tracker.finished(12)).isEqualTo(-1);
    assertThat(tracker.finished(10)).as("all done: commit past 12").isEqualTo(13);
    assertThat(tracker.inFlight()).isZero();
  }

  @Test
  void theCommitNeverGoesBackwards() {
    tracker.started(5);
    assertThat(tracker.finished(5)).isEqualTo(6);
    tracker.started(6);
    tracker.started(7);
    assertThat(tracker.finished(7)).isEqualTo(-1);
    assertThat(tracker.finished(6)).isEqualTo(8);
  }
}
