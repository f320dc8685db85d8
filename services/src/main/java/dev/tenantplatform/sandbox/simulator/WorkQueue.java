package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every reconcile of the simulator on one thread, as a controller-runtime work queue does per
 * controller: a request already waiting is not queued twice, failures are retried with backoff, and
 * nothing blocks forever. One thread also means the simulated controllers never race each other.
 */
final class WorkQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(20);
  private static final Duration LAST_RETRY = Duration.ofSeconds(5);
  private static final int QUIET_FAILURES = 5;

  private record Item(Reconciler reconciler, ObjectKey key) {
  }

  private final ScheduledThreadPoolExecutor executor;
  private volatile boolean closed;
  private volatile Thread thread;
  private final Set<Item> waiting = ConcurrentHashMap.newKeySet();
  private final Map<Item, Integer> failures = new ConcurrentHashMap<>();

  WorkQueue() {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      thread = new Thread(r, "management-cluster-simulator");
      thread.setDaemon(true);
      return thread;
    });
    // On close, let the reconcile in progress finish its call (interrupting it would leave its HTTP request
    // dangling) and drop everything still waiting.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Asks the reconciler to look at the object as soon as possible. */
  void enqueue(Reconciler reconciler, ObjectKey key) {
    Item item = new Item(reconciler, key);
    if (waiting.add(item)) {
      run(() -> process(item), Duration.ZERO);
    }
  }

  /** Asks the reconciler to look at the object again after a delay. */
  void enqueueAfter(Reconciler reconciler, ObjectKey key, Duration delay) {
    if (delay.isZero()) {
      enqueue(reconciler, key);
    } else {
      run(() -> enqueue(reconciler, key), delay);
    }
  }

  /** Runs a task on the queue's thread. */
  void submit(Runnable task) {
    run(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("simulator task failed: {}", e.getMessage());
        LOG.debug("simulator task failure", e);
      }
    }, Duration.ZERO);
  }

  private void process(Item item) {
    waiting.remove(item);
    if (closed) {
      return;
    }
    try {
      Result result = item.reconciler.reconcile(item.key);
      failures.remove(item);
      if (result.requeueAfter() != null) {
        enqueueAfter(item.reconciler, item.key, result.requeueAfter());
      }
    } catch (KubernetesClientException e) {
      retry(item, e);
    } catch (RuntimeException e) {
      LOG.warn("{} failed unexpectedly on {}", item.reconciler.name(), item.key, e);
      retry(item, e);
    }
  }

  private void retry(Item item, RuntimeException e) {
    int attempt = failures.merge(item, 1, Integer::sum);
    if (attempt == QUIET_FAILURES) {
      LOG.warn("{} keeps failing on {} ({} attempts), retrying: {}", item.reconciler.name(), item.key, attempt,
          e.getMessage());
    } else {
      LOG.debug("{} failed on {}, retrying: {}", item.reconciler.name(), item.key, e.getMessage());
    }
    long millis = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10));
    enqueueAfter(item.reconciler, item.key, Duration.ofMillis(millis));
  }

  private void run(Runnable task, Duration delay) {
    try {
      executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("simulator stopped, dropping work");
    }
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        Thread stuck = thread;
        Exception where = new IllegalStateException("the simulator's thread is here");
        if (stuck != null) {
          where.setStackTrace(stuck.getStackTrace());
        }
        LOG.warn("the simulator's thread did not stop within 10 s, interrupting it", where);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
