/**
 * The watcher: what the controllers of the management cluster report, turned into each tenant's state and into the
 * lifecycle events its chain lacks.
 *
 * <p><b>Watching.</b> One shared informer per kind ({@link dev.tenantplatform.watcher.TenantInformers}) on
 * Cluster, K0smotronControlPlane, MachineDeployment, Machine, ClusterResourceSetBinding, the control-plane pods and
 * the kubeconfig Secret (its existence only). The informers' caches keep keys and resource versions; each object
 * becomes a slim view ({@link dev.tenantplatform.watcher.SlimObjects}) of the few fields the state needs, so memory
 * grows with the number of tenants, not with the size of their objects.
 *
 * <p><b>Deriving.</b> A change marks its tenant; marked tenants are derived together after a short debounce, one
 * derivation per tenant at a time. A derivation reads the tenant's record from the ledger (what its chain holds),
 * derives the state ({@link dev.tenantplatform.watcher.state.StateDeriver}, pure) and appends the transitions the
 * chain lacks, each under a once-key, so a repeated derivation never writes an event twice.
 *
 * <p><b>Level-triggered.</b> Every tenant is derived again at each resync, after a restart, and when a tenant
 * waiting for progress reaches the time it turns Degraded; what the chain holds already is not emitted again.
 *
 * <p><b>One writer per tenant.</b> Events go through the ledger only. Where several instances run, each derives
 * every tenant (for its view) but emits only for the tenants it owns (the predicate given to
 * {@link dev.tenantplatform.watcher.Watcher#deploy}); call {@link dev.tenantplatform.watcher.Watcher#resync()}
 * when it takes partitions over.
 */
package dev.tenantplatform.watcher;
