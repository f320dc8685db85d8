package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays CAPI's Machine controller with k0smotron's bootstrap and CAPD's infrastructure: once the control plane
 * is initialized the bootstrap data appears ({@code Provisioning}), then the container and its provider ID
 * ({@code Provisioned}), then the Node ({@code Running}, NotReady). The Node turns Ready only once a CNI runs:
 * k0s's own, or Calico applied by a ClusterResourceSet.
 */
final class MachineController implements Reconciler {

  static final String FINALIZER = "machine.cluster.x-k8s.io";

  private static final Logger LOG = LoggerFactory.getLogger(MachineController.class);

  private final Api api;
  private final SimulatorProfile profile;
  private final Faults faults;
  private final Timeline timeline;

  MachineController(Api api, SimulatorProfile profile, Faults faults, Timeline timeline) {
    this.api = api;
    this.profile = profile;
    this.faults = faults;
    this.timeline = timeline;
  }

  @Override
  public String name() {
    return "capi-machine";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource machine = api.get(Kinds.MACHINE, key.namespace(), key.name());
    if (machine == null) {
      return Result.DONE;
    }
    KubeKind bootstrapKind = Refs.kind(machine, "spec", "bootstrap", "configRef");
    KubeKind infraKind = Refs.kind(machine, "spec", "infrastructureRef");
    GenericKubernetesResource bootstrap = Refs.resolve(api, machine, "spec", "bootstrap", "configRef");
    GenericKubernetesResource infra = Refs.resolve(api, machine, "spec", "infrastructureRef");
    if (Api.deleting(machine)) {
      return reconcileDelete(machine, bootstrapKind, bootstrap, infraKind, infra);
    }
    if (!machine.getMetadata().getFinalizers().contains(FINALIZER)) {
      api.addFinalizer(Kinds.MACHINE, machine, FINALIZER);
      return Result.DONE;
    }
    if (bootstrap == null || infra == null) {
      return Result.DONE;
    }
    GenericKubernetesResource cluster = api.get(Kinds.CLUSTER, key.namespace(),
        Fields.string(machine, "spec", "clusterName"));
    Progress progress = progress(machine, cluster, bootstrapKind, bootstrap, infraKind, infra);
    var state = new MachineStatus.State(progress.bootstrapped, progress.provisioned, progress.failed,
        progress.joined, progress.nodeReady, upToDate(machine), null, null);
    writeStatus(machine, api.get(infraKind, key.namespace(), infra.getMetadata().getName()), state);
    return progress.next;
  }

  /** How far the Machine has come, and when to look again. */
  private static final class Progress {
    boolean failed;
    boolean bootstrapped;
    boolean provisioned;
    boolean joined;
    boolean nodeReady;
    Result next = Result.DONE;

    /** Whether the step's time has come; if not, remembers to look again then. */
    boolean due(Duration left) {
      next = next.soonest(left.isZero() ? Result.DONE : Result.after(left));
      return left.isZero();
    }
  }

  /** Moves the Machine through each step whose time has come: bootstrap data, container, node, node Ready. */
  private Progress progress(GenericKubernetesResource machine, GenericKubernetesResource cluster,
      KubeKind bootstrapKind, GenericKubernetesResource bootstrap, KubeKind infraKind,
      GenericKubernetesResource infra) {
    String uid = Api.uid(machine);
    Progress p = new Progress();
    p.failed = "Failed".equals(Fields.string(machine, "status", "phase"));
    p.bootstrapped = Fields.bool(bootstrap, "status", "initialization", "dataSecretCreated");
    p.provisioned = Fields.bool(infra, "status", "initialization", "provisioned");
    p.joined = Fields.string(machine, "status", "nodeRef", "name") != null;
    p.nodeReady = Conditions.isTrue(machine, "NodeReady");
    if (p.failed) {
      return p;
    }
    if (!p.bootstrapped && controlPlaneInitialized(cluster)
        && p.due(timeline.remaining(uid, "bootstrap", profile.machineBootstrap()))) {
      p.bootstrapped = writeBootstrapData(machine, bootstrapKind, bootstrap);
    }
    if (p.bootstrapped && !p.provisioned && p.due(timeline.remaining(uid, "provisioning", profile.machineProvisioning()))) {
      if (shouldFail(machine)) {
        failInfrastructure(machine, infraKind, infra);
        p.failed = true;
        return p;
      }
      p.provisioned = provision(machine, infraKind, infra);
    }
    if (p.provisioned && !p.joined) {
      p.joined = p.due(timeline.remaining(uid, "joining", profile.nodeJoin()));
    }
    if (p.joined && !p.nodeReady && cniRunning(cluster)) {
      p.nodeReady = p.due(timeline.remaining(uid, "node-ready", profile.nodeReady()));
    }
    return p;
  }

  private boolean controlPlaneInitialized(GenericKubernetesResource cluster) {
    return cluster != null && Conditions.isTrue(cluster, "ControlPlaneInitialized")
        && Fields.string(cluster, "spec", "controlPlaneEndpoint", "host") != null;
  }

  /** k0smotron's bootstrap controller: the data Secret named like the config, then the config's status. */
  private boolean writeBootstrapData(GenericKubernetesResource machine, KubeKind kind,
      GenericKubernetesResource bootstrap) {
    String namespace = machine.getMetadata().getNamespace();
    String name = bootstrap.getMetadata().getName();
    String cloudConfig = "#cloud-config\nwrite_files:\n- path: /etc/k0s.token\n  permissions: \"0600\"\n"
        + "  content: " + Certificates.base64("simulated join token for " + name) + "\nruncmd:\n"
        + "- k0s install worker --token-file /etc/k0s.token --labels=k0smotron.io/machine-name=" + name
        + " --kubelet-extra-args=\"--hostname-override=" + name + "\"\n- k0s start\n"
        + "- touch /run/cluster-api/bootstrap-success.complete\n";
    api.createIfAbsent(new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels(Labels.CLUSTER_NAME, Fields.string(machine, "spec", "clusterName"))
        .addToLabels(HostedClusterLabels.COMPONENT, "bootstrap")
        .withOwnerReferences(Owners.controller(bootstrap)).endMetadata()
        .withType(Certificates.CAPI_SECRET_TYPE)
        .addToData("value", Certificates.base64(cloudConfig))
        .addToData("format", Certificates.base64("cloud-config"))
        .build());
    api.writeStatus(kind, bootstrap, Fields.obj("dataSecretName", name,
        "initialization", Fields.obj("dataSecretCreated", true)));
    api.mergePatch(Kinds.MACHINE, namespace, machine.getMetadata().getName(),
        Map.of("spec", Map.of("bootstrap", Map.of("dataSecretName", name))));
    return true;
  }

  /** CAPD created the container: the provider ID on the infrastructure machine and the Machine. */
  private boolean provision(GenericKubernetesResource machine, KubeKind kind, GenericKubernetesResource infra) {
    String namespace = machine.getMetadata().getNamespace();
    String providerId = "docker:////" + infra.getMetadata().getName();
    api.mergePatch(kind, namespace, infra.getMetadata().getName(), Map.of("spec", Map.of("providerID", providerId)));
    api.writeStatus(kind, infra, Fields.obj(
        "initialization", Fields.obj("provisioned", true),
        "addresses", MachineStatus.addresses(machine.getMetadata().getName()),
        "conditions", Conditions.merge(Conditions.of(infra), List.of(Condition.isTrue("Ready", "Ready"),
            Condition.isTrue("ContainerProvisioned", "Provisioned"),
            Condition.isTrue("BootstrapExecSucceeded", "BootstrapExecSucceeded")), timeline.now(), null)));
    api.mergePatch(Kinds.MACHINE, namespace, machine.getMetadata().getName(),
        Map.of("spec", Map.of("providerID", providerId)));
    return true;
  }

  /** The injected worker failure: the container cannot be created. */
  private void failInfrastructure(GenericKubernetesResource machine, KubeKind kind, GenericKubernetesResource infra) {
    String message = "failed to create container: simulated infrastructure failure (fault worker-fails)";
    api.writeStatus(kind, infra, Fields.obj(
        "initialization", Fields.obj("provisioned", false),
        "conditions", Conditions.merge(Conditions.of(infra), List.of(
            Condition.isFalse("Ready", "NotReady", "* ContainerProvisioned: " + message),
            Condition.isFalse("ContainerProvisioned", "ContainerProvisioningFailed", message)),
            timeline.now(), null)));
    LOG.warn("{}/{}: machine failed: {}", machine.getMetadata().getNamespace(), machine.getMetadata().getName(),
        message);
  }

  /** With the worker-fails fault, the first Machine of the cluster to reach provisioning fails; only one. */
  private boolean shouldFail(GenericKubernetesResource machine) {
    String tenant = ClusterController.tenantOf(machine.getMetadata().getNamespace(), machine.getMetadata().getLabels());
    if (!faults.has(tenant, Fault.WorkerFails.class)) {
      return false;
    }
    String cluster = Fields.string(machine, "spec", "clusterName");
    return api.list(Kinds.MACHINE, machine.getMetadata().getNamespace()).stream()
        .filter(m -> cluster.equals(Fields.string(m, "spec", "clusterName")))
        .noneMatch(m -> "Failed".equals(Fields.string(m, "status", "phase")));
  }

  /** Whether the workload cluster has a CNI: k0s's own unless the provider is {@code custom}, else an applied ClusterResourceSet. */
  private boolean cniRunning(GenericKubernetesResource cluster) {
    if (cluster == null) {
      return false;
    }
    GenericKubernetesResource controlPlane = Refs.resolve(api, cluster, "spec", "controlPlaneRef");
    String provider = Fields.string(controlPlane, "spec", "k0sConfig", "spec", "network", "provider");
    if (controlPlane != null && !"custom".equals(provider)) {
      return true;
    }
    GenericKubernetesResource binding = api.get(Kinds.CLUSTER_RESOURCE_SET_BINDING,
        cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
    return Fields.maps(Fields.list(binding, "spec", "bindings")).stream()
        .flatMap(b -> Fields.maps(Fields.asList(b.get("resources"))).stream())
        .anyMatch(r -> Boolean.TRUE.equals(r.get("applied")));
  }

  /** Up to date when the Machine's MachineSet still carries its MachineDeployment's template. */
  private String upToDate(GenericKubernetesResource machine) {
    String namespace = machine.getMetadata().getNamespace();
    GenericKubernetesResource ms = Owners.ownerOfKind(machine, Kinds.CAPI, "MachineSet")
        .map(ref -> api.get(Kinds.MACHINE_SET, namespace, ref.getName())).orElse(null);
    GenericKubernetesResource md = ms == null ? null : Owners.ownerOfKind(ms, Kinds.CAPI, "MachineDeployment")
        .map(ref -> api.get(Kinds.MACHINE_DEPLOYMENT, namespace, ref.getName())).orElse(null);
    if (md == null || MachineTemplates.sameRollout(ms, md)) {
      return null;
    }
    String have = Fields.string(machine, "spec", "version");
    String want = Fields.string(md, "spec", "template", "spec", "version");
    return have != null && !have.equals(want) ? "* Version " + have + ", " + want + " required"
        : "* Machine template differs from MachineDeployment " + md.getMetadata().getName();
  }

  private void writeStatus(GenericKubernetesResource machine, GenericKubernetesResource infra,
      MachineStatus.State state) {
    String before = Fields.string(machine, "status", "phase");
    Map<String, Object> status = MachineStatus.compute(machine, infra, state, timeline.now());
    if (api.writeStatus(Kinds.MACHINE, machine, status) && !status.get("phase").equals(before)) {
      LOG.debug("{}/{}: machine phase {}", machine.getMetadata().getNamespace(), machine.getMetadata().getName(),
          status.get("phase"));
    }
  }

  /** Drains (the deletion delay), then deletes the bootstrap config and the infrastructure machine, then lets go. */
  private Result reconcileDelete(GenericKubernetesResource machine, KubeKind bootstrapKind,
      GenericKubernetesResource bootstrap, KubeKind infraKind, GenericKubernetesResource infra) {
    if (!machine.getMetadata().getFinalizers().contains(FINALIZER)) {
      return Result.DONE;
    }
    Duration left = timeline.remaining(Api.uid(machine), "deleting", profile.deletion());
    if (!left.isZero()) {
      var state = new MachineStatus.State(
          Fields.bool(machine, "status", "initialization", "bootstrapDataSecretCreated"),
          Fields.bool(machine, "status", "initialization", "infrastructureProvisioned"),
          false, Fields.string(machine, "status", "nodeRef", "name") != null, Conditions.isTrue(machine, "NodeReady"),
          null, "DrainingNode", "Drain not completed yet");
      writeStatus(machine, infra, state);
      return Result.after(left);
    }
    if (bootstrap != null) {
      api.delete(bootstrapKind, bootstrap.getMetadata().getNamespace(), bootstrap.getMetadata().getName());
    }
    if (infra != null) {
      api.delete(infraKind, infra.getMetadata().getNamespace(), infra.getMetadata().getName());
    }
    api.removeFinalizer(Kinds.MACHINE, machine, FINALIZER);
    return Result.DONE;
  }
}
