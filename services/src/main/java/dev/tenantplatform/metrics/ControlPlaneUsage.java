package dev.tenantplatform.metrics;

import dev.tenantplatform.metrics.model.SavingsReport;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * What the hosted control-plane pods (label {@code app=k0smotron}) really use, from the metrics API
 * ({@code metrics.k8s.io}, the metrics-server), beside what they request. Polled off the event loop; where the
 * metrics API is not served (the embedded API of {@code local} does not serve it) the report says
 * {@value SavingsReport#USAGE_NOT_AVAILABLE} and why.
 */
public final class ControlPlaneUsage {

  /**
   * Usage summed over every hosted control-plane pod.
   *
   * @param cpuCores cores in use, to the thousandth
   */
  public record Measured(int pods, BigDecimal cpuCores, long memoryBytes) {

    @Override
    public String toString() {
      return pods + " control-plane pods use " + cpuCores.toPlainString() + " cores and " + memoryBytes
          + " bytes (metrics.k8s.io)";
    }
  }

  private static final String METRICS_GROUP = "metrics.k8s.io";
  private static final String NOT_SERVED = "the metrics API (metrics.k8s.io) is not served here; install"
      + " metrics-server to see usage beside requests";

  private final KubernetesClient client;
  private volatile String text = SavingsReport.USAGE_NOT_AVAILABLE;
  private volatile Measured measured;

  public ControlPlaneUsage(KubernetesClient client) {
    this.client = client;
  }

  /** Polls now and then every {@code period}; returns the timer's id. */
  public long start(Vertx vertx, Duration period) {
    poll(vertx);
    return vertx.setPeriodic(period.toMillis(), id -> poll(vertx));
  }

  /** One poll, on a worker thread; the future completes with what the report will say. */
  public Future<String> poll(Vertx vertx) {
    return vertx.executeBlocking(this::read, false).map(found -> {
      measured = found;
      text = found.toString();
      return text;
    }).recover(e -> {
      measured = null;
      text = SavingsReport.USAGE_NOT_AVAILABLE + ": " + reason(e);
      return Future.succeededFuture(text);
    });
  }

  /** What the report says of usage: the measured sums, or not available and why. */
  public String describe() {
    return text;
  }

  /** The last measurement, or null when there is none. */
  public Measured measured() {
    return measured;
  }

  private Measured read() {
    // An API server that does not serve the group may still answer its paths (an empty list from a CRUD mock):
    // discovery says whether the metrics are real.
    if (client.getApiGroups().getGroups().stream().noneMatch(g -> METRICS_GROUP.equals(g.getName()))) {
      throw new IllegalStateException(NOT_SERVED);
    }
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    int pods = 0;
    for (PodMetrics pod : client.top().pods().withLabels(Map.of("app", "k0smotron")).metrics().getItems()) {
      pods++;
      for (ContainerMetrics container : pod.getContainers()) {
        Map<String, Quantity> usage = container.getUsage();
        cpu = cpu.add(amount(usage.get("cpu")));
        memory = memory.add(amount(usage.get("memory")));
      }
    }
    return new Measured(pods, cpu.setScale(3, RoundingMode.HALF_UP),
        memory.setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  private static BigDecimal amount(Quantity quantity) {
    return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
  }

  private static String reason(Throwable e) {
    if (e instanceof KubernetesClientException k && (k.getCode() == 404 || k.getCode() == 503)
        || NOT_SERVED.equals(e.getMessage())) {
      return NOT_SERVED;
    }
    return "reading metrics.k8s.io failed: " + e.getMessage();
  }
}
