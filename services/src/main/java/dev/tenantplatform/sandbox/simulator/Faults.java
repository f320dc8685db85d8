package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.sandbox.ApiCall;
import dev.tenantplatform.sandbox.ApiFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The faults injected per tenant, from two sources that add up: this API (tests, demos) and the
 * {@value #ANNOTATION} annotation on the tenant's Cluster. Thread-safe; the embedded API server asks
 * {@link #apiFault(String)} from its request threads. Counts the API failures it injects, by kind.
 */
public final class Faults {

  public static final String ANNOTATION = "sandbox.tenantplatform.dev/fault";

  /**
   * Longer than a client waits for an answer: fabric8's default request timeout is 10 s, and local instances
   * are given a minute.
   */
  public static final Duration DEFAULT_NO_ANSWER_HOLD = Duration.ofSeconds(65);
  static final int RETRY_AFTER_SECONDS = 1;

  private final Map<String, Set<Fault>> injected = new ConcurrentHashMap<>();
  private final Map<String, Set<Fault>> annotated = new ConcurrentHashMap<>();
  private final RandomGenerator random;
  private final Duration noAnswerHold;
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder unanswered = new LongAdder();
  private final LongAdder answeredLate = new LongAdder();

  public Faults() {
    this(RandomGenerator.getDefault());
  }

  /** With a given random source, so that a test can reproduce the API errors it sees. */
  public Faults(RandomGenerator random) {
    this(random, DEFAULT_NO_ANSWER_HOLD);
  }

  /** With a given random source, and unanswered calls held for {@code noAnswerHold} (a test's client waits less). */
  public Faults(RandomGenerator random, Duration noAnswerHold) {
    this.random = random;
    this.noAnswerHold = new ApiFault.NoAnswer(noAnswerHold).hold();
  }

  public Faults inject(String tenant, Fault fault) {
    injected.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(fault);
    return this;
  }

  /** Removes the faults injected through this API; the Cluster's annotation still counts. */
  public void clear(String tenant) {
    injected.remove(tenant);
  }

  /** Every fault in force for the tenant, from both sources. */
  public Set<Fault> of(String tenant) {
    return Stream.concat(injected.getOrDefault(tenant, Set.of()).stream(),
        annotated.getOrDefault(tenant, Set.of()).stream()).collect(Collectors.toUnmodifiableSet());
  }

  public boolean has(String tenant, Class<? extends Fault> kind) {
    return of(tenant).stream().anyMatch(kind::isInstance);
  }

  /** The highest API error rate in force for the tenant, 0 when there is none. */
  public double apiErrorRate(String tenant) {
    return of(tenant).stream().filter(Fault.ApiErrors.class::isInstance)
        .mapToDouble(f -> ((Fault.ApiErrors) f).rate()).max().orElse(0);
  }

  /** The added latency in force for the tenant: the longest, or zero when there is none. */
  public Duration apiLatency(String tenant) {
    return of(tenant).stream().filter(Fault.ApiLatency.class::isInstance).map(f -> ((Fault.ApiLatency) f).delay())
        .max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /**
   * Whether one API call made for this tenant should fail. Takes a tenant name or a tenant's namespace
   * ({@code tenant-acme}), as an API server request interceptor sees it.
   */
  public boolean shouldFailApiCall(String namespaceOrTenant) {
    return apiFault(namespaceOrTenant).filter(f -> !(f instanceof ApiFault.Slow)).isPresent();
  }

  /**
   * What becomes of one API call made for this tenant: at the tenant's {@link Fault.ApiErrors} rate a failure,
   * in equal shares a server error (500 or 503), a 429 asking to retry after a second, or no answer until
   * {@link #noAnswerHold()} has passed (half of these calls carried out all the same); otherwise its
   * {@link Fault.ApiLatency}, if any. Takes a tenant name or a tenant's namespace ({@code tenant-acme}), as an API
   * server request interceptor sees it.
   */
  public Optional<ApiFault> apiFault(String namespaceOrTenant) {
    if (namespaceOrTenant == null) {
      return Optional.empty();
    }
    String named = TenantNames.tenantOfNamespace(namespaceOrTenant);
    String tenant = named != null ? named : namespaceOrTenant;
    double rate = apiErrorRate(tenant);
    if (rate > 0) {
      ApiFault failure = drawFailure(rate);
      if (failure != null) {
        return Optional.of(failure);
      }
    }
    Duration latency = apiLatency(tenant);
    return latency.isZero() ? Optional.empty() : Optional.of(new ApiFault.Slow(latency));
  }

  private ApiFault drawFailure(double rate) {
    int kind;
    boolean unavailable;
    // the random sources at hand are not thread-safe, and the API server's threads ask at once
    synchronized (random) {
      if (random.nextDouble() >= rate) {
        return null;
      }
      kind = random.nextInt(3);
      // which server error, or which timeout: one whose call was carried out or not
      unavailable = random.nextBoolean();
    }
    return switch (kind) {
      case 0 -> {
        serverErrors.increment();
        yield new ApiFault.ServerError(unavailable ? 503 : 500);
      }
      case 1 -> {
        throttled.increment();
        yield new ApiFault.Throttled(RETRY_AFTER_SECONDS);
      }
      default -> {
        if (unavailable) {
          unanswered.increment();
          yield new ApiFault.NoAnswer(noAnswerHold);
        }
        answeredLate.increment();
        yield new ApiFault.LateAnswer(noAnswerHold);
      }
    };
  }

  /** {@link #apiFault(String)} for the embedded API server: {@code kubernetes.injectFaults(faults.apiFaultSource())}. */
  public Function<ApiCall, Optional<ApiFault>> apiFaultSource() {
    return call -> apiFault(call.namespace());
  }

  /** How long a call left unanswered is held before its late 504: longer than its client waits. */
  public Duration noAnswerHold() {
    return noAnswerHold;
  }

  /** The API failures injected so far, by kind, for every tenant together. */
  public Injected injected() {
    return new Injected(serverErrors.sum(), throttled.sum(), unanswered.sum(), answeredLate.sum());
  }

  /**
   * Counts of injected API failures: server errors (500, 503), 429s, and timeouts, of calls left undone
   * ({@code unanswered}) or carried out and answered too late ({@code answeredLate}).
   */
  public record Injected(long serverErrors, long throttled, long unanswered, long answeredLate) {
    public long total() {
      return serverErrors + throttled + unanswered + answeredLate;
    }

    /** The counts injected since {@code before}. */
    public Injected since(Injected before) {
      return new Injected(serverErrors - before.serverErrors, throttled - before.throttled,
          unanswered - before.unanswered, answeredLate - before.answeredLate);
    }

    @Override
    public String toString() {
      return total() + " (" + serverErrors + " 5xx, " + throttled + " 429, " + (unanswered + answeredLate)
          + " timeouts of which " + answeredLate + " carried the call out)";
    }
  }

  /** Records the faults read from a tenant's Cluster annotation, replacing earlier ones. */
  void annotate(String tenant, List<Fault> faults) {
    if (faults.isEmpty()) {
      annotated.remove(tenant);
    } else {
      annotated.put(tenant, Set.copyOf(faults));
    }
  }
}
