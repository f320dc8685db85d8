package dev.tenantplatform.audit;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Tells a person at a terminal how a long replay is going: records read, rate and time left, on one line of
 * stderr rewritten in place, once the replay has run for two seconds and at most twice a second. Silent when
 * stderr is not a terminal, so that logs and pipes get the summary line alone.
 */
public final class ReplayProgress implements LongConsumer {

  private static final long QUIET_NANOS = 2_000_000_000L;
  private static final long EVERY_NANOS = 500_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final long total;
  private final LongSupplier nanoTime;
  private final long started;
  private long shownAt;
  private int shownWidth;

  /**
   * @param err where to write
   * @param terminal whether a person watches it ({@code System.console() != null})
   * @param total how many records the replay expects
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  public ReplayProgress(PrintWriter err, boolean terminal, long total, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** Progress for this process's stderr, shown when it is a terminal. */
  public static ReplayProgress onStderr(PrintWriter err, long total) {
    return new ReplayProgress(err, System.console() != null, total, System::nanoTime);
  }

  @Override
  public void accept(long read) {
    long now = nanoTime.getAsLong();
    if (!terminal || now - started < QUIET_NANOS || now - shownAt < EVERY_NANOS) {
      return;
    }
    shownAt = now;
    double seconds = (now - started) / 1e9;
    double rate = read / seconds;
    String left = rate > 0 && total > read ? String.format(Locale.ROOT, ", about %.0f s left", (total - read) / rate)
        : "";
    String line = String.format(Locale.ROOT, "replay: %,d of %,d records (%.0f%%), %,.0f records/s%s", read, total,
        total == 0 ? 100.0 : 100.0 * read / total, rate, left);
    err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
    err.flush();
    shownWidth = line.length();
  }

  /** Clears the progress line, if one was shown, so the summary starts on a clean line. */
  public void done() {
    if (shownWidth > 0) {
      err.print("\r" + " ".repeat(shownWidth) + "\r");
      err.flush();
      shownWidth = 0;
    }
  }
}
