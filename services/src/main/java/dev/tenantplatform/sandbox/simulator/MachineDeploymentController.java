package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays CAPI's MachineDeployment controller: owned by its Cluster, it owns one MachineSet per template
 * ({@code <md>-<random>}), rolls a changed template out the RollingUpdate way (one Machine more at most, none
 * unavailable), scales with {@code spec.replicas}, and sums its MachineSets into its status.
 */
final class MachineDeploymentController implements Reconciler {

  static final String REVISION = "machinedeployment.clusters.x-k8s.io/revision";

  private static final Logger LOG = LoggerFactory.getLogger(MachineDeploymentController.class);
  private static final int MAX_SURGE = 1;

  private final Api api;
  private final RandomNames names;
  private final Timeline timeline;

  MachineDeploymentController(Api api, RandomNames names, Timeline timeline) {
    this.api = api;
    this.names = names;
    this.timeline = timeline;
  }

  @Override
  public String name() {
    return "capi-machinedeployment";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource md = api.get(Kinds.MACHINE_DEPLOYMENT, key.namespace(), key.name());
    if (md == null || Api.deleting(md)) {
      return Result.DONE;
    }
    String clusterName = Fields.string(md, "spec", "clusterName");
    GenericKubernetesResource cluster = api.get(Kinds.CLUSTER, key.namespace(), clusterName);
    if (cluster == null || Api.deleting(cluster)) {
      return Result.DONE;
    }
    api.ensureLabels(Kinds.MACHINE_DEPLOYMENT, md, Map.of(Labels.CLUSTER_NAME, clusterName));
    api.addOwner(Kinds.MACHINE_DEPLOYMENT, md, Owners.plain(cluster));
    adoptTemplate(md, cluster, "bootstrap", "configRef");
    adoptTemplate(md, cluster, "infrastructureRef");

    int desired = (int) Fields.number(md, 1, "spec", "replicas");
    List<GenericKubernetesResource> sets = new ArrayList<>(api.list(Kinds.MACHINE_SET, key.namespace()).stream()
        .filter(ms -> Owners.ownedBy(ms, md)).filter(ms -> !Api.deleting(ms)).toList());
    sets.sort(Comparator.comparing((GenericKubernetesResource ms) -> ms.getMetadata().getCreationTimestamp())
        .thenComparing(ms -> ms.getMetadata().getName()));
    GenericKubernetesResource current = sets.stream().filter(ms -> MachineTemplates.sameRollout(ms, md))
        .reduce((a, b) -> b).orElse(null);
    List<GenericKubernetesResource> old = sets.stream().filter(ms -> ms != current).toList();
    int oldReplicas = old.stream().mapToInt(ms -> (int) Fields.number(ms, 0, "spec", "replicas")).sum();
    if (current == null) {
      int replicas = Math.max(0, Math.min(desired, desired + MAX_SURGE - oldReplicas));
      createMachineSet(md, cluster, replicas, sets.size() + 1);
      return Result.DONE;
    }
    int currentReplicas = (int) Fields.number(current, 0, "spec", "replicas");
    int target = currentReplicas >= desired ? desired
        : Math.max(currentReplicas, Math.min(desired, desired + MAX_SURGE - oldReplicas));
    scale(current, target);
    scaleDownOld(old, sets, desired);
    writeStatus(md, sets, desired);
    return Result.DONE;
  }

  /** Templates referenced by a MachineDeployment are owned by its Cluster (not as controller). */
  private void adoptTemplate(GenericKubernetesResource md, GenericKubernetesResource cluster, String... refPath) {
    Object[] path = new Object[refPath.length + 3];
    path[0] = "spec";
    path[1] = "template";
    path[2] = "spec";
    System.arraycopy(refPath, 0, path, 3, refPath.length);
    KubeKind kind = Refs.kind(md, path);
    GenericKubernetesResource template = Refs.resolve(api, md, path);
    if (kind != null && template != null && !Api.deleting(template)) {
      api.addOwner(kind, template, Owners.plain(cluster));
    }
  }

  private void createMachineSet(GenericKubernetesResource md, GenericKubernetesResource cluster, int replicas,
      int revision) {
    String suffix = names.suffix();
    String name = md.getMetadata().getName() + "-" + suffix;
    String unique = MachineTemplates.uniqueLabel(md, suffix);
    Map<String, String> labels = new LinkedHashMap<>();
    Fields.map(md, "spec", "template", "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
    labels.put(MachineTemplates.TEMPLATE_HASH, unique);
    Map<String, String> setLabels = new LinkedHashMap<>(labels);
    setLabels.put(Labels.DEPLOYMENT_NAME, md.getMetadata().getName());
    setLabels.put(Labels.CLUSTER_NAME, cluster.getMetadata().getName());
    Map<String, Object> selector = Fields.map(md, "spec", "selector", "matchLabels");
    selector.put(MachineTemplates.TEMPLATE_HASH, unique);
    int desired = (int) Fields.number(md, 1, "spec", "replicas");
    GenericKubernetesResource ms = new GenericKubernetesResourceBuilder()
        .withApiVersion(Kinds.MACHINE_SET.apiVersion()).withKind(Kinds.MACHINE_SET.kind())
        .withNewMetadata().withName(name).withNamespace(md.getMetadata().getNamespace()).withLabels(setLabels)
        .addToAnnotations(REVISION, String.valueOf(revision))
        .addToAnnotations("machinedeployment.clusters.x-k8s.io/desired-replicas", String.valueOf(desired))
        .addToAnnotations("machinedeployment.clusters.x-k8s.io/max-replicas", String.valueOf(desired + MAX_SURGE))
        .withOwnerReferences(Owners.controller(md)).endMetadata()
        .build();
    ms.setAdditionalProperty("spec", Fields.obj(
        "clusterName", cluster.getMetadata().getName(),
        "replicas", replicas,
        "selector", Fields.obj("matchLabels", selector),
        "template", Fields.obj(
            "metadata", Fields.obj("labels", labels,
                "annotations", Fields.map(md, "spec", "template", "metadata", "annotations")),
            "spec", Fields.map(md, "spec", "template", "spec"))));
    api.createIfAbsent(Kinds.MACHINE_SET, ms);
    LOG.info("{}/{}: machineset {} created with {} replicas", md.getMetadata().getNamespace(),
        md.getMetadata().getName(), name, replicas);
  }

  private void scale(GenericKubernetesResource ms, int replicas) {
    if (Fields.number(ms, -1, "spec", "replicas") != replicas) {
      api.mergePatch(Kinds.MACHINE_SET, ms.getMetadata().getNamespace(), ms.getMetadata().getName(),
          Map.of("spec", Map.of("replicas", replicas)));
    }
  }

  /**
   * Scales old MachineSets down by as many Machines as are available beyond the desired count (maxUnavailable
   * 0), deleting the empty ones.
   */
  private void scaleDownOld(List<GenericKubernetesResource> old, List<GenericKubernetesResource> all, int desired) {
    long available = all.stream().mapToLong(ms -> Fields.number(ms, 0, "status", "availableReplicas")).sum();
    long removable = Math.max(0, available - desired);
    for (GenericKubernetesResource ms : old) {
      int replicas = (int) Fields.number(ms, 0, "spec", "replicas");
      int remove = (int) Math.min(replicas, removable);
      removable -= remove;
      if (remove > 0) {
        scale(ms, replicas - remove);
      } else if (replicas == 0 && Fields.number(ms, 0, "status", "replicas") == 0) {
        api.delete(Kinds.MACHINE_SET, ms.getMetadata().getNamespace(), ms.getMetadata().getName());
      }
    }
  }

  private void writeStatus(GenericKubernetesResource md, List<GenericKubernetesResource> sets, int desired) {
    long replicas = sum(sets, "replicas");
    long ready = sum(sets, "readyReplicas");
    long available = sum(sets, "availableReplicas");
    long upToDate = sum(sets, "upToDateReplicas");
    List<GenericKubernetesResource> machines = api.list(Kinds.MACHINE, md.getMetadata().getNamespace(),
        Labels.DEPLOYMENT_NAME, md.getMetadata().getName());
    long notUpToDate = replicas - upToDate;
    List<Condition> conditions = List.of(
        Condition.of("Available", available >= desired, "Available", "NotAvailable", available
            + " available replicas, at least " + desired + " required (spec.strategy.rollout.maxUnavailable is 0, "
            + "spec.replicas is " + desired + ")"),
        Summaries.aggregate("MachinesReady", "Ready", machines, Condition.isTrue("MachinesReady", "NoReplicas"),
            "Ready", "NotReady", "ReadyUnknown"),
        Summaries.aggregate("MachinesUpToDate", "UpToDate", machines,
            Condition.isTrue("MachinesUpToDate", "NoReplicas"), "UpToDate", "NotUpToDate", "UpToDateUnknown"),
        ScalingConditions.up(replicas, desired),
        ScalingConditions.down(replicas, desired),
        notUpToDate > 0 ? new Condition("RollingOut", Condition.TRUE, "RollingOut",
            "Rolling out " + notUpToDate + " not up-to-date replicas") : Condition.isFalse("RollingOut",
            "NotRollingOut", ""),
        Condition.isFalse("Remediating", "NotRemediating", ""),
        Condition.isFalse("Deleting", "NotDeleting", ""),
        Condition.isFalse("Paused", "NotPaused", ""));
    Map<String, Object> status = Fields.obj(
        "selector", MachineTemplates.selector(Fields.map(md, "spec", "selector", "matchLabels")),
        "replicas", replicas,
        "readyReplicas", ready,
        "availableReplicas", available,
        "upToDateReplicas", upToDate,
        "versions", ScalingConditions.versions(machines),
        "phase", replicas < desired ? "ScalingUp" : replicas > desired ? "ScalingDown" : "Running",
        "observedGeneration", md.getMetadata().getGeneration(),
        "conditions", Conditions.merge(Conditions.of(md), conditions, timeline.now(),
            md.getMetadata().getGeneration()),
        "deprecated", Fields.obj("v1beta1", Fields.obj("readyReplicas", ready, "availableReplicas", available,
            "updatedReplicas", upToDate, "unavailableReplicas", Math.max(0, desired - available))));
    api.writeStatus(Kinds.MACHINE_DEPLOYMENT, md, status);
  }

  private static long sum(List<GenericKubernetesResource> sets, String field) {
    return sets.stream().mapToLong(ms -> Fields.number(ms, 0, "status", field)).sum();
  }
}
