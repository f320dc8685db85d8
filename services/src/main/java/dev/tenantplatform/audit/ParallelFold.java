package dev.tenantplatform.audit;

import dev.tenantplatform.audit.fold.AuditFold;
import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.AuditReport;
import dev.tenantplatform.audit.fold.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Folds a replay's records on several threads while the consumer keeps reading: each share of the partitions
 * (partition number modulo the shares, whatever the topic) has its own {@link AuditFold} on its own thread, and
 * the shares are merged into one report at the end. A tenant's records are keyed by its name, so its events
 * are all in one partition and folded in log order by one share; the merged report is the one a single fold
 * gives, byte for byte.
 *
 * <p>Fed from one thread (the consumer's); a share that fails fails the replay at the next batch or at
 * {@link #report()}.
 */
final class ParallelFold implements Consumer<List<LogRecord>>, AutoCloseable {

  /** Batches waiting per share: enough to keep a share busy while the consumer fetches, bounded in memory. */
  private static final int QUEUED = 8;

  private final List<Share> shares = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ParallelFold(AuditQuery query, int shareCount) {
    if (shareCount < 1) {
      throw new IllegalArgumentException("a fold needs at least one share, got " + shareCount);
    }
    for (int i = 0; i < shareCount; i++) {
      Share share = new Share(new AuditFold(query), new ArrayBlockingQueue<>(QUEUED));
      shares.add(share);
      share.thread = new Thread(() -> run(share), "replay-fold-" + i);
      share.thread.setDaemon(true);
      share.thread.start();
    }
  }

  /**
   * How many shares a replay of {@code plan} folds in: one per partition number, so that no share has more
   * partitions than another, but not many more than there are cores to run them.
   */
  static int sharesFor(ScanPlan plan, int cores) {
    int partitions = plan.ranges().keySet().stream().mapToInt(tp -> tp.partition() + 1).max().orElse(1);
    int most = Math.max(2, 2 * cores);
    if (partitions <= most) {
      return partitions;
    }
    // More partitions than that: the largest count that splits them evenly, else the most.
    for (int count = most; count > 1; count--) {
      if (partitions % count == 0) {
        return count;
      }
    }
    return most;
  }

  /** Hands {@code batch} to the shares, each record to its partition's. */
  @Override
  public void accept(List<LogRecord> batch) {
    int count = shares.size();
    List<List<LogRecord>> split = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      split.add(new ArrayList<>(batch.size() / count + 16));
    }
    for (LogRecord record : batch) {
      split.get(record.partition() % count).add(record);
    }
    for (int i = 0; i < count; i++) {
      if (!split.get(i).isEmpty()) {
        put(shares.get(i), split.get(i));
      }
    }
  }

  /** Waits for every share to fold what it was given and merges them: the report of every record accepted. */
  AuditReport report() {
    List<AuditFold> folds = new ArrayList<>();
    for (Share share : shares) {
      put(share, Share.END);
    }
    for (Share share : shares) {
      try {
        share.thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the replay's folds finished", e);
      }
      failIfFailed();
      folds.add(share.fold);
    }
    return AuditFold.report(folds);
  }

  /** Stops the shares still running: after a failure, their work is of no use. */
  @Override
  public void close() {
    shares.forEach(share -> share.thread.interrupt());
  }

  private void put(Share share, List<LogRecord> batch) {
    try {
      while (!share.queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        failIfFailed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing records to the replay's folds", e);
    }
    failIfFailed();
  }

  private void failIfFailed() {
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed != null) {
      throw new IllegalStateException("a fold of the replay failed: " + failed, failed);
    }
  }

  private void run(Share share) {
    try {
      for (List<LogRecord> batch = share.queue.take(); batch != Share.END; batch = share.queue.take()) {
        share.fold.acceptAll(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /** One share: its fold, the batches waiting for it and the thread that folds them. */
  private static final class Share {
    /** Marks the end of the records: compared by identity. */
    private static final List<LogRecord> END = new ArrayList<>();

    private final AuditFold fold;
    private final BlockingQueue<List<LogRecord>> queue;
    private Thread thread;

    Share(AuditFold fold, BlockingQueue<List<LogRecord>> queue) {
      this.fold = fold;
      this.queue = queue;
    }
  }
}
