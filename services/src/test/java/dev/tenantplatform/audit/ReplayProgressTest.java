package dev.tenantplatform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong();
  private final StringWriter err = new StringWriter();

  @Test
  void aTerminalSeesRecordsRateAndTimeLeftOnceTheReplayHasRunTwoSeconds() {
    ReplayProgress progress = new ReplayProgress(new PrintWriter(err, true), true, 1_000_000, clock::get);

    clock.set(SECOND);
    progress.accept(100_000);
    assertThat(err.toString()).as("quiet for the first two seconds").isEmpty();

    clock.set(4 * SECOND);
    progress.accept(400_000);
    assertThat(err.toString()).isEqualTo("\rreplay: 400,000 of 1,000,000 records (40%), 100,000 records/s,"
        + " about 6 s left");

    clock.set(4 * SECOND + SECOND / 10);
    progress.accept(410_000);
    assertThat(err.toString()).as("at most twice a second").doesNotContain("410,000");

    progress.done();
    assertThat(err.toString()).endsWith("\r" + " ".repeat(77) + "\r");
  }

  @Test
  void withoutATerminalNothingIsShown() {
    ReplayProgress progress = new ReplayProgress(new PrintWriter(err, true), false, 1_000_000, clock::get);

    clock.set(10 * SECOND);
    progress.accept(500_000);
    progress.done();

    assertThat(err.toString()).isEmpty();
  }
}
