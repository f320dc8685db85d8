package dev.tenantplatform.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM (Kubernetes, {@code kill}) and SIGINT (Ctrl+C) start a graceful stop, bounded in time, after which the
 * process exits 0, or 1 when the stop failed or ran out of time. A plain shutdown hook cannot do this: the JVM
 * exits 143 after SIGTERM whatever its hooks do. A second signal during the stop is ignored; SIGKILL is not.
 */
final class GracefulStop {

  /** What stopping does; it may block until done. */
  interface Action {
    void stop() throws Exception;
  }

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile int exitCode;

  private GracefulStop() {
  }

  /** Installs the handlers; {@link #await()} returns the exit code once {@code action} has finished. */
  static GracefulStop on(Duration timeout, PrintWriter err, Action action) {
    GracefulStop stop = new GracefulStop();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> stop.run(timeout, err, action, name));
    }
    return stop;
  }

  int await() throws InterruptedException {
    stopped.await();
    return exitCode;
  }

  private void run(Duration timeout, PrintWriter err, Action action, String signal) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    Thread worker = new Thread(() -> {
      try {
        action.stop();
      } catch (Exception e) {
        err.println("error: while stopping: " + e.getMessage());
        err.flush();
        exitCode = 1;
      }
    }, "tenant-platform-stop");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      err.println("error: the stop after SIG" + signal + " took longer than " + timeout.toSeconds() + " s; exiting"
          + " anyway (records in work are redelivered to the other instances)");
      err.flush();
      exitCode = 1;
    }
    stopped.countDown();
  }
}
