package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.TenantNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The faults injected per tenant, from two sources that add up: this API (tests, demos) and the
 * {@value #ANNOTATION} annotation on the tenant's Cluster. Thread-safe; the embedded API server asks
 * {@link #shouldFailApiCall(String)} from its request threads.
 */
public final class Faults {

  public static final String ANNOTATION = "sandbox.tenantplatform.dev/fault";

  private final Map<String, Set<Fault>> injected = new ConcurrentHashMap<>();
  private final Map<String, Set<Fault>> annotated = new ConcurrentHashMap<>();
  private final RandomGenerator random;

  public Faults() {
    this(RandomGenerator.getDefault());
  }

  /** With a given random source, so that a test can reproduce the API errors it sees. */
  public Faults(RandomGenerator random) {
    this.random = random;
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

  /**
   * Whether one API call made for this tenant should fail. Takes a tenant name or a tenant's namespace
   * ({@code tenant-acme}), as an API server request interceptor sees it.
   */
  public boolean shouldFailApiCall(String namespaceOrTenant) {
    if (namespaceOrTenant == null) {
      return false;
    }
    String tenant = TenantNames.tenantOfNamespace(namespaceOrTenant);
    double rate = apiErrorRate(tenant != null ? tenant : namespaceOrTenant);
    return rate > 0 && random.nextDouble() < rate;
  }

  /** {@link #shouldFailApiCall(String)} as a hook for the embedded API server. */
  public Predicate<String> apiErrorHook() {
    return this::shouldFailApiCall;
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
