package dev.tenantplatform.kube;

import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node-port allocations of every tenant, as the allocator stores them in one ConfigMap's data
 * ({@code <tenant>: "<apiPort>,<konnectivityPort>"}), and the choice of the next pair. Immutable.
 */
final class NodePortTable {

  private final Map<String, NodePortAllocation> byTenant;
  private final Map<String, String> unreadable;
  /** Every port a tenant holds: what a choice skips, without going through every allocation. */
  private final BitSet held;

  private NodePortTable(Map<String, NodePortAllocation> byTenant, Map<String, String> unreadable, BitSet held) {
    this.byTenant = Collections.unmodifiableMap(byTenant);
    this.unreadable = Collections.unmodifiableMap(unreadable);
    this.held = held != null ? held : heldBy(byTenant);
  }

  private static BitSet heldBy(Map<String, NodePortAllocation> byTenant) {
    BitSet ports = new BitSet();
    byTenant.values().forEach(a -> {
      ports.set(a.apiPort());
      ports.set(a.konnectivityPort());
    });
    return ports;
  }

  /**
   * Reads stored data. Entries that are not two distinct ports (a hand edit gone wrong) are kept as they
   * are, and written back unchanged, until their tenant is allocated again or released: the allocator never
   * destroys what it cannot read. Their ports, if live, are still protected by the Service scan.
   */
  static NodePortTable parse(Map<String, String> data) {
    Map<String, NodePortAllocation> byTenant = new TreeMap<>();
    Map<String, String> unreadable = new TreeMap<>();
    if (data != null) {
      data.forEach((tenant, value) -> NodePortAllocation.decode(tenant, value).ifPresentOrElse(
          allocation -> byTenant.put(tenant, allocation), () -> unreadable.put(tenant, value)));
    }
    return new NodePortTable(byTenant, unreadable, null);
  }

  Optional<NodePortAllocation> lookup(String tenant) {
    return Optional.ofNullable(byTenant.get(tenant));
  }

  int size() {
    return byTenant.size();
  }

  /** Stored entries that are not an allocation, by tenant. */
  Map<String, String> unreadable() {
    return unreadable;
  }

  /**
   * The lowest two ports of {@code range} that no tenant holds and no Service uses ({@code servicePorts}:
   * every node port of every Service in the cluster, the platform's own control planes included).
   *
   * @throws NodePortsExhaustedException when fewer than two are left
   */
  NodePortAllocation choose(String tenant, NodePortRange range, Set<Integer> servicePorts) {
    int[] free = new int[2];
    int found = 0;
    for (int port = held.nextClearBit(range.first()); port <= range.last() && found < 2;
        port = held.nextClearBit(port + 1)) {
      if (!servicePorts.contains(port)) {
        free[found++] = port;
      }
    }
    if (found < 2) {
      int usedByOthers = (int) servicePorts.stream().filter(range::contains).filter(p -> !held.get(p)).count();
      throw new NodePortsExhaustedException(range, byTenant.size(), usedByOthers);
    }
    return new NodePortAllocation(tenant, free[0], free[1]);
  }

  NodePortTable with(NodePortAllocation allocation) {
    Map<String, NodePortAllocation> next = new TreeMap<>(byTenant);
    NodePortAllocation before = next.put(allocation.tenant(), allocation);
    Map<String, String> rest = new TreeMap<>(unreadable);
    rest.remove(allocation.tenant());
    BitSet ports = null;
    if (before == null) {
      // a new tenant, the usual case: its two ports join the others'
      ports = (BitSet) held.clone();
      ports.set(allocation.apiPort());
      ports.set(allocation.konnectivityPort());
    }
    return new NodePortTable(next, rest, ports);
  }

  NodePortTable without(String tenant) {
    Map<String, NodePortAllocation> next = new TreeMap<>(byTenant);
    next.remove(tenant);
    Map<String, String> rest = new TreeMap<>(unreadable);
    rest.remove(tenant);
    // counted again: a port two entries hold by a hand edit stays held by the other
    return new NodePortTable(next, rest, null);
  }

  /** Whether {@code tenant} has an entry, readable or not. */
  boolean holds(String tenant) {
    return byTenant.containsKey(tenant) || unreadable.containsKey(tenant);
  }

  /** The data to store, sorted by tenant. */
  Map<String, String> data() {
    Map<String, String> data = new TreeMap<>(unreadable);
    byTenant.forEach((tenant, allocation) -> data.put(tenant, allocation.encode()));
    return data;
  }
}
