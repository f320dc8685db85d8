/**
 * The management-cluster simulator of local mode: it plays CAPI (Cluster, MachineDeployment, MachineSet,
 * Machine, ClusterResourceSet), its Docker/Dev infrastructure provider and k0smotron (K0smotronControlPlane,
 * the {@code k0smotron.io} Cluster, the kubeconfig Secret) against the embedded Kubernetes API, together with
 * the parts of a Kubernetes control plane the CRUD mock lacks (StatefulSet controller, kubelet, garbage
 * collector, Service IP and NodePort allocation). Objects, names, labels, owner references and status fields
 * follow {@code k0smotron-capi.md}, so a watcher cannot tell it from the real controllers.
 *
 * <p>Start it with {@link dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator#start}; pace it with a
 * {@link dev.tenantplatform.sandbox.simulator.SimulatorProfile}; break a tenant on purpose with
 * {@link dev.tenantplatform.sandbox.simulator.Faults} or the {@code sandbox.tenantplatform.dev/fault}
 * annotation on its Cluster.
 *
 * <p>Not played: the workload clusters themselves (no Nodes, no Calico pods; their state shows only in the
 * Machines' conditions), k0smotron's ingress and monitoring options, kine/NATS storage, MachineHealthChecks,
 * ClusterClass topologies.
 */
package dev.tenantplatform.sandbox.simulator;
