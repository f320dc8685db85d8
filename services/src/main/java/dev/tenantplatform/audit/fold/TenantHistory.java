package dev.tenantplatform.audit.fold;

import java.util.List;
import java.util.Objects;

/**
 * One tenant in a replay: what was asked and what happened, in order, and where it stood at the end.
 *
 * @param tenant whose
 * @param entries requests, events, dead letters and unreadable records; events in log order, the others
 *     placed among them by time. Empty in a point-in-time replay
 * @param snapshot the tenant at the end of the window (or at the instant of a point-in-time replay)
 * @param chain what the verification saw of its chain, or null when none was asked for or it has no events
 * @param kubeconfigReaders who read its kubeconfig, by subject, in the window or up to the instant
 */
public record TenantHistory(String tenant, List<HistoryEntry> entries, TenantSnapshot snapshot, TenantChain chain,
    List<KubeconfigReader> kubeconfigReaders) {

  public TenantHistory {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(snapshot, "snapshot");
    entries = List.copyOf(entries);
    kubeconfigReaders = List.copyOf(kubeconfigReaders);
  }
}
