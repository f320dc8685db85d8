package dev.tenantplatform.metrics.model;

import dev.tenantplatform.events.PodRequests;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantplatform.events.TenantEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The savings' inputs as a fold over {@code tenant.events}, so that an instance that reads the log again shows the
 * same figures. Per tenant: the spec of its accepted create and updates, the control-plane pods' requests that
 * {@code cluster.controlplane.ready} carries ({@code resources.k0s} and {@code resources.etcd}, each
 * {@code {pods, cpuMillis, memoryBytes}}), and the boot time {@code tenant.ready} measured
 * ({@code controlPlaneReadySeconds}). A deleted tenant leaves the report.
 *
 * <p>Events are folded in sequence order per tenant, by one thread at a time; an event at or below the tenant's
 * last sequence was folded already and changes nothing. Reads may come from any thread.
 */
public final class SavingsFold {

  /** @param inputs null while the tenant does not exist (never created, or deleted) */
  private record Entry(long sequence, TenantInputs inputs) {
  }

  private final Map<String, Entry> tenants = new ConcurrentHashMap<>();

  public void apply(TenantEvent event) {
    Entry entry = tenants.getOrDefault(event.tenant(), new Entry(0, null));
    if (event.sequence() <= entry.sequence()) {
      return;
    }
    tenants.put(event.tenant(), new Entry(event.sequence(), next(entry.inputs(), event)));
  }

  private static TenantInputs next(TenantInputs inputs, TenantEvent event) {
    JsonNode data = event.data();
    return switch (event.type()) {
      case TENANT_ACCEPTED -> accepted(inputs, event.tenant(), data);
      case TENANT_UPDATED -> inputs == null ? null : withSpec(inputs, data.path("cluster"));
      case CLUSTER_CONTROLPLANE_READY -> inputs == null ? null : inputs.withControlPlane(footprint(data));
      case TENANT_READY -> inputs == null || data.path("recovered").asBoolean(false)
          || !data.hasNonNull("controlPlaneReadySeconds") ? inputs
          : inputs.withBootSeconds(data.get("controlPlaneReadySeconds").decimalValue());
      case TENANT_DELETED -> null;
      default -> inputs;
    };
  }

  private static TenantInputs accepted(TenantInputs inputs, String tenant, JsonNode data) {
    JsonNode cluster = data.path("cluster");
    return switch (data.path("action").asText()) {
      // A create after a delete starts the tenant's life over.
      case "create" -> TenantInputs.created(tenant, cluster.path("controlPlaneReplicas").asInt(1),
          cluster.path("workers").asInt(0));
      case "update" -> inputs == null ? null : withSpec(inputs, cluster);
      default -> inputs;
    };
  }

  private static TenantInputs withSpec(TenantInputs inputs, JsonNode cluster) {
    return inputs.withSpec(cluster.path("controlPlaneReplicas").asInt(inputs.controlPlaneReplicas()),
        cluster.path("workers").asInt(inputs.workers()));
  }

  /** The pods' requests the event carries, or null when it carries none (written before they were reported). */
  static HostedFootprint footprint(JsonNode data) {
    JsonNode resources = data.path("resources");
    if (!resources.isObject()) {
      return null;
    }
    return new HostedFootprint(component(resources.path("k0s")), component(resources.path("etcd")));
  }

  private static PodRequests component(JsonNode node) {
    if (!node.isObject()) {
      return PodRequests.NONE;
    }
    return new PodRequests(node.path("pods").asInt(0), node.path("cpuMillis").asLong(0),
        node.path("memoryBytes").asLong(0));
  }

  /** The live tenants' inputs, in no particular order. */
  public List<TenantInputs> tenants() {
    return tenants.values().stream().map(Entry::inputs).filter(Objects::nonNull).toList();
  }

  public SavingsReport report(SavingsModel model) {
    return model.report(tenants());
  }
}
