package dev.tenantplatform.bench;

import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.sandbox.ApiCall;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** One side's management cluster: a fresh embedded API, with the simulated controllers if asked for. */
final class BenchCluster implements AutoCloseable {

  private final EmbeddedKubernetes api;
  private final ManagementClusterSimulator controllers;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  private BenchCluster(EmbeddedKubernetes api, ManagementClusterSimulator controllers) {
    this.api = api;
    this.controllers = controllers;
  }

  static BenchCluster start(boolean simulator) {
    EmbeddedKubernetes api = EmbeddedKubernetes.start(null);
    try {
      BenchCluster cluster = new BenchCluster(api, simulator
          ? ManagementClusterSimulator.start(api.controllersClient(), SimulatorProfile.INSTANT) : null);
      // The API hands this hook every call but the simulated controllers': the side's own calls. Counted,
      // never failed.
      api.failWhen(cluster::counted);
      return cluster;
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** The client a platform would get: fabric8's own retries off, as the platform retries by its policy. */
  KubernetesClient client() {
    return api.client();
  }

  /** The side's own API calls by HTTP method since the last time they were taken; counting starts afresh. */
  Map<String, Long> takeCalls() {
    Map<String, Long> taken = new TreeMap<>();
    calls.forEach((method, count) -> taken.put(method, count.sumThenReset()));
    taken.values().removeIf(count -> count == 0);
    return taken;
  }

  private boolean counted(ApiCall call) {
    calls.computeIfAbsent(call.method(), m -> new LongAdder()).increment();
    return false;
  }

  /** How many of {@code tenants} have their CAPI Cluster in this API. */
  int clustersOf(Collection<String> tenants) {
    Set<String> held = api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inAnyNamespace().list()
        .getItems().stream().map(BenchCluster::key).collect(Collectors.toSet());
    return (int) tenants.stream().map(TenantNames::new)
        .filter(names -> held.contains(names.namespace() + "/" + names.cluster())).count();
  }

  private static String key(GenericKubernetesResource cluster) {
    return cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
  }

  @Override
  public void close() {
    try {
      if (controllers != null) {
        controllers.close();
      }
    } finally {
      api.close();
    }
  }
}
