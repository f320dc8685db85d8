package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays CAPI's MachineSet controller: keeps {@code spec.replicas} Machines ({@code <ms>-<random>}), each with a
 * bootstrap config and an infrastructure machine cloned from the templates under the Machine's name; removes
 * failed, then unready, then the newest Machines first; counts its Machines into its status.
 */
final class MachineSetController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(MachineSetController.class);
  private static final Duration TEMPLATE_RETRY = Duration.ofSeconds(2);

  private final Api api;
  private final RandomNames names;
  private final Timeline timeline;

  MachineSetController(Api api, RandomNames names, Timeline timeline) {
    this.api = api;
    this.names = names;
    this.timeline = timeline;
  }

  @Override
  public String name() {
    return "capi-machineset";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource ms = api.get(Kinds.MACHINE_SET, key.namespace(), key.name());
    if (ms == null || Api.deleting(ms)) {
      return Result.DONE;
    }
    int desired = (int) Fields.number(ms, 1, "spec", "replicas");
    List<GenericKubernetesResource> machines = new ArrayList<>(api.list(Kinds.MACHINE, key.namespace()).stream()
        .filter(m -> Owners.ownedBy(m, ms)).toList());
    List<GenericKubernetesResource> alive = machines.stream().filter(m -> !Api.deleting(m)).toList();
    Result result = Result.DONE;
    if (alive.size() < desired) {
      for (int i = alive.size(); i < desired; i++) {
        if (!createMachine(ms)) {
          result = Result.after(TEMPLATE_RETRY);
          break;
        }
      }
    } else if (alive.size() > desired) {
      alive.stream().sorted(deletionOrder()).limit(alive.size() - desired)
          .forEach(m -> api.delete(Kinds.MACHINE, key.namespace(), m.getMetadata().getName()));
    }
    writeStatus(ms, machines, desired);
    return result;
  }

  /** Failed Machines go first, then those not Ready, then the newest. */
  private static Comparator<GenericKubernetesResource> deletionOrder() {
    return Comparator.comparing((GenericKubernetesResource m) -> !"Failed".equals(Fields.string(m, "status", "phase")))
        .thenComparing(m -> Conditions.isTrue(m, "Ready"))
        .thenComparing((GenericKubernetesResource m) -> m.getMetadata().getCreationTimestamp(),
            Comparator.reverseOrder())
        .thenComparing(m -> m.getMetadata().getName(), Comparator.reverseOrder());
  }

  /** Creates one Machine with its bootstrap config and infrastructure machine; false when a template is missing. */
  private boolean createMachine(GenericKubernetesResource ms) {
    String namespace = ms.getMetadata().getNamespace();
    KubeKind bootstrapTemplateKind = Refs.kind(ms, "spec", "template", "spec", "bootstrap", "configRef");
    KubeKind infraTemplateKind = Refs.kind(ms, "spec", "template", "spec", "infrastructureRef");
    GenericKubernetesResource bootstrapTemplate =
        Refs.resolve(api, ms, "spec", "template", "spec", "bootstrap", "configRef");
    GenericKubernetesResource infraTemplate = Refs.resolve(api, ms, "spec", "template", "spec", "infrastructureRef");
    KubeKind bootstrapKind = Refs.stampedFrom(bootstrapTemplateKind);
    KubeKind infraKind = Refs.stampedFrom(infraTemplateKind);
    if (bootstrapTemplate == null || infraTemplate == null || bootstrapKind == null || infraKind == null) {
      LOG.debug("{}/{}: waiting for the machine templates", namespace, ms.getMetadata().getName());
      return false;
    }
    String name = names.generate(ms.getMetadata().getName());
    Map<String, String> labels = new LinkedHashMap<>();
    Fields.map(ms, "spec", "template", "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
    labels.put(Labels.SET_NAME, ms.getMetadata().getName());
    labels.put(Labels.CLUSTER_NAME, Fields.string(ms, "spec", "clusterName"));
    Owners.ownerOfKind(ms, Kinds.CAPI, "MachineDeployment").ifPresent(md -> labels.put(Labels.DEPLOYMENT_NAME,
        md.getName()));
    Map<String, Object> spec = Fields.map(ms, "spec", "template", "spec");
    spec.put("bootstrap", Map.of("configRef", Fields.obj("apiGroup", bootstrapKind.group(),
        "kind", bootstrapKind.kind(), "name", name)));
    spec.put("infrastructureRef", Fields.obj("apiGroup", infraKind.group(), "kind", infraKind.kind(), "name", name));
    GenericKubernetesResource machine = stamp(Kinds.MACHINE, namespace, name, labels, spec);
    machine.getMetadata().setOwnerReferences(List.of(Owners.controller(ms)));
    machine.getMetadata().setAnnotations(stringMap(Fields.map(ms, "spec", "template", "metadata", "annotations")));
    api.createIfAbsent(Kinds.MACHINE, machine);
    GenericKubernetesResource created = api.get(Kinds.MACHINE, namespace, name);
    cloneTemplate(bootstrapKind, bootstrapTemplate, created, labels);
    cloneTemplate(infraKind, infraTemplate, created, labels);
    LOG.debug("{}/{}: machine created", namespace, name);
    return true;
  }

  /** A bootstrap config or infrastructure machine cloned from its template, named and owned like the Machine. */
  private void cloneTemplate(KubeKind kind, GenericKubernetesResource template, GenericKubernetesResource machine,
      Map<String, String> labels) {
    GenericKubernetesResource object = stamp(kind, machine.getMetadata().getNamespace(),
        machine.getMetadata().getName(), labels, Fields.map(template, "spec", "template", "spec"));
    object.getMetadata().setOwnerReferences(List.of(Owners.controller(machine)));
    api.createIfAbsent(kind, object);
  }

  private static GenericKubernetesResource stamp(KubeKind kind, String namespace, String name,
      Map<String, String> labels, Map<String, Object> spec) {
    GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
        .withApiVersion(kind.apiVersion()).withKind(kind.kind())
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .build();
    object.setAdditionalProperty("spec", spec);
    return object;
  }

  private void writeStatus(GenericKubernetesResource ms, List<GenericKubernetesResource> machines, int desired) {
    long ready = machines.stream().filter(m -> Conditions.isTrue(m, "Ready")).count();
    long available = machines.stream().filter(m -> Conditions.isTrue(m, "Available")).count();
    long upToDate = machines.stream().filter(m -> Conditions.isTrue(m, "UpToDate")).count();
    List<Condition> conditions = List.of(
        Summaries.aggregate("MachinesReady", "Ready", machines, Condition.isTrue("MachinesReady", "NoReplicas"),
            "Ready", "NotReady", "ReadyUnknown"),
        Summaries.aggregate("MachinesUpToDate", "UpToDate", machines,
            Condition.isTrue("MachinesUpToDate", "NoReplicas"), "UpToDate", "NotUpToDate", "UpToDateUnknown"),
        ScalingConditions.up(machines.size(), desired),
        ScalingConditions.down(machines.size(), desired),
        Condition.isFalse("Remediating", "NotRemediating", ""),
        Condition.isFalse("Deleting", "NotDeleting", ""),
        Condition.isFalse("Paused", "NotPaused", ""));
    api.writeStatus(Kinds.MACHINE_SET, ms, Fields.obj(
        "selector", MachineTemplates.selector(Fields.map(ms, "spec", "selector", "matchLabels")),
        "replicas", machines.size(),
        "readyReplicas", ready,
        "availableReplicas", available,
        "upToDateReplicas", upToDate,
        "versions", ScalingConditions.versions(machines),
        "observedGeneration", ms.getMetadata().getGeneration(),
        "conditions", Conditions.merge(Conditions.of(ms), conditions, timeline.now(),
            ms.getMetadata().getGeneration()),
        "deprecated", Fields.obj("v1beta1", Fields.obj("readyReplicas", ready, "availableReplicas", available,
            "fullyLabeledReplicas", machines.size()))));
  }

  private static Map<String, String> stringMap(Map<String, Object> map) {
    Map<String, String> strings = new LinkedHashMap<>();
    map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    return strings.isEmpty() ? null : strings;
  }
}
