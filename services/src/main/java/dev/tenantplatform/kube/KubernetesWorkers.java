package dev.tenantplatform.kube;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The worker threads Kubernetes calls block on: a pool of their own. A slow or silent API server holds each call
 * up to the client's request timeout; on Vert.x's shared worker pool such calls took every thread, and the rest
 * of the process waited behind them — the HTTP API's request validation (vertx-openapi validates on a worker
 * thread), the ledger's reads, the health check — so reads timed out while nothing was wrong with them.
 */
public final class KubernetesWorkers {

  /** The pool's name: its threads are named after it in thread dumps. */
  public static final String POOL = "tenant-platform-kubernetes";
  /** Calls in flight at once per instance; the work waiting for a thread is bounded by the provisioner's in-flight bound. */
  public static final int SIZE = 32;
  /** Longer than any one call may take (the local instances' request timeout is a minute), so no false alarm. */
  private static final Duration MAX_CALL = Duration.ofMinutes(2);

  private KubernetesWorkers() {
  }

  /** The pool, shared by name within {@code vertx} and closed with it. */
  public static WorkerExecutor open(Vertx vertx) {
    return vertx.createSharedWorkerExecutor(POOL, SIZE, MAX_CALL.toNanos(), TimeUnit.NANOSECONDS);
  }
}
