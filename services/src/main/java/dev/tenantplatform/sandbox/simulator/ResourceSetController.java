package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays CAPI's ClusterResourceSet controller: for each Cluster of its namespace its selector matches, a
 * ClusterResourceSetBinding named like the Cluster, created at once with an empty entry, whose resources turn
 * {@code applied: true} once the workload API is reachable; {@code Reconcile} re-applies changed resources.
 * Bindings of deleted Clusters go too.
 */
final class ResourceSetController implements Reconciler {

  static final String FINALIZER = "addons.cluster.x-k8s.io";
  static final String RESOURCE_SET_SECRET_TYPE = "addons.cluster.x-k8s.io/resource-set";

  private static final Logger LOG = LoggerFactory.getLogger(ResourceSetController.class);

  private final Api api;
  private final SimulatorProfile profile;
  private final Timeline timeline;

  ResourceSetController(Api api, SimulatorProfile profile, Timeline timeline) {
    this.api = api;
    this.profile = profile;
    this.timeline = timeline;
  }

  @Override
  public String name() {
    return "capi-clusterresourceset";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource crs = api.get(Kinds.CLUSTER_RESOURCE_SET, key.namespace(), key.name());
    if (crs == null) {
      return Result.DONE;
    }
    if (Api.deleting(crs)) {
      for (GenericKubernetesResource binding : api.list(Kinds.CLUSTER_RESOURCE_SET_BINDING, key.namespace())) {
        withoutEntry(binding, key.name());
      }
      api.removeFinalizer(Kinds.CLUSTER_RESOURCE_SET, crs, FINALIZER);
      return Result.DONE;
    }
    api.addFinalizer(Kinds.CLUSTER_RESOURCE_SET, crs, FINALIZER);
    List<Map<String, Object>> resources = Fields.maps(Fields.list(crs, "spec", "resources"));
    for (Map<String, Object> resource : resources) {
      GenericKubernetesResource object = resource(key.namespace(), resource);
      if (object != null) {
        api.addOwner(kindOf(resource), object, Owners.plain(crs));
      }
    }
    removeBindingsOfGoneClusters(crs);
    Result next = Result.DONE;
    List<String> problems = new ArrayList<>();
    int waiting = 0;
    for (GenericKubernetesResource cluster : api.list(Kinds.CLUSTER, key.namespace())) {
      if (Api.deleting(cluster) || !LabelSelectors.matches(Fields.map(crs, "spec", "clusterSelector"),
          cluster.getMetadata().getLabels())) {
        continue;
      }
      GenericKubernetesResource binding = ensureBinding(crs, cluster);
      if (!reachable(cluster)) {
        waiting++;
        continue;
      }
      Duration left = timeline.remaining(Api.uid(cluster) + "/" + Api.uid(crs), "cni-apply", profile.cniApply());
      if (!left.isZero()) {
        waiting++;
        next = next.soonest(Result.after(left));
        continue;
      }
      apply(crs, cluster, binding, resources, problems);
    }
    writeStatus(crs, problems, waiting);
    return next;
  }

  /** Applies (or re-applies, with strategy Reconcile) the resources to the Cluster and records it in the binding. */
  private void apply(GenericKubernetesResource crs, GenericKubernetesResource cluster,
      GenericKubernetesResource binding, List<Map<String, Object>> resources, List<String> problems) {
    boolean reconcile = "Reconcile".equals(Fields.string(crs, "spec", "strategy"));
    List<Map<String, Object>> entries = Fields.maps(Fields.list(binding, "spec", "bindings"));
    Map<String, Object> entry = entries.stream()
        .filter(e -> crs.getMetadata().getName().equals(e.get("clusterResourceSetName"))).findFirst().orElseThrow();
    List<Map<String, Object>> applied = Fields.maps(Fields.asList(entry.get("resources")));
    List<Map<String, Object>> updated = new ArrayList<>();
    for (Map<String, Object> resource : resources) {
      GenericKubernetesResource object = resource(cluster.getMetadata().getNamespace(), resource);
      String problem = problem(resource, object);
      Map<String, Object> previous = applied.stream().filter(r -> resource.get("kind").equals(r.get("kind"))
          && resource.get("name").equals(r.get("name"))).findFirst().orElse(null);
      if (problem != null) {
        problems.add(problem);
        if (previous != null) {
          updated.add(previous);
        }
        continue;
      }
      String hash = "sha256:" + Hashes.sha256(Fields.canonicalJson(Fields.map(object, "data")));
      boolean current = previous != null && Boolean.TRUE.equals(previous.get("applied"))
          && (!reconcile || hash.equals(previous.get("hash")));
      updated.add(current ? previous : Fields.obj("kind", resource.get("kind"), "name", resource.get("name"),
          "hash", hash, "lastAppliedTime", Conditions.timestamp(timeline.now()), "applied", true));
    }
    if (!Fields.sameJson(applied, updated)) {
      entry.put("resources", updated);
      replaceEntries(binding, entries);
      LOG.info("{}/{}: {} applied to the workload cluster", cluster.getMetadata().getNamespace(),
          cluster.getMetadata().getName(), crs.getMetadata().getName());
    }
  }

  /** Why a resource cannot be applied, or null. */
  private static String problem(Map<String, Object> resource, GenericKubernetesResource object) {
    if (object == null) {
      return resource.get("kind") + " " + resource.get("name") + " not found";
    }
    if ("Secret".equals(resource.get("kind")) && !RESOURCE_SET_SECRET_TYPE.equals(object.get("type"))) {
      return "WrongSecretType:Secret " + resource.get("name") + " must have type " + RESOURCE_SET_SECRET_TYPE;
    }
    return null;
  }

  /** The Cluster's binding, created with this set's entry (and no resources yet) when missing. */
  private GenericKubernetesResource ensureBinding(GenericKubernetesResource crs, GenericKubernetesResource cluster) {
    String namespace = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    GenericKubernetesResource binding = api.get(Kinds.CLUSTER_RESOURCE_SET_BINDING, namespace, name);
    Map<String, Object> entry = Fields.obj("clusterResourceSetName", crs.getMetadata().getName(),
        "resources", List.of());
    if (binding == null) {
      GenericKubernetesResource created = new GenericKubernetesResourceBuilder()
          .withApiVersion(Kinds.CLUSTER_RESOURCE_SET_BINDING.apiVersion())
          .withKind(Kinds.CLUSTER_RESOURCE_SET_BINDING.kind())
          .withNewMetadata().withName(name).withNamespace(namespace).withOwnerReferences(Owners.plain(crs))
          .endMetadata().build();
      created.setAdditionalProperty("spec", Fields.obj("clusterName", name, "bindings", List.of(entry)));
      api.createIfAbsent(Kinds.CLUSTER_RESOURCE_SET_BINDING, created);
      return api.get(Kinds.CLUSTER_RESOURCE_SET_BINDING, namespace, name);
    }
    api.addOwner(Kinds.CLUSTER_RESOURCE_SET_BINDING, binding, Owners.plain(crs));
    List<Map<String, Object>> entries = Fields.maps(Fields.list(binding, "spec", "bindings"));
    if (entries.stream().noneMatch(e -> crs.getMetadata().getName().equals(e.get("clusterResourceSetName")))) {
      entries.add(entry);
      replaceEntries(binding, entries);
      return api.get(Kinds.CLUSTER_RESOURCE_SET_BINDING, namespace, name);
    }
    return binding;
  }

  private void removeBindingsOfGoneClusters(GenericKubernetesResource crs) {
    String namespace = crs.getMetadata().getNamespace();
    for (GenericKubernetesResource binding : api.list(Kinds.CLUSTER_RESOURCE_SET_BINDING, namespace)) {
      GenericKubernetesResource cluster = api.get(Kinds.CLUSTER, namespace,
          Fields.string(binding, "spec", "clusterName"));
      if (cluster == null || Api.deleting(cluster)) {
        api.delete(Kinds.CLUSTER_RESOURCE_SET_BINDING, namespace, binding.getMetadata().getName());
      }
    }
  }

  /** Drops this set's entry from a binding, deleting the binding when no entry is left. */
  private void withoutEntry(GenericKubernetesResource binding, String crsName) {
    List<Map<String, Object>> entries = Fields.maps(Fields.list(binding, "spec", "bindings"));
    if (entries.removeIf(e -> crsName.equals(e.get("clusterResourceSetName")))) {
      if (entries.isEmpty()) {
        api.delete(Kinds.CLUSTER_RESOURCE_SET_BINDING, binding.getMetadata().getNamespace(),
            binding.getMetadata().getName());
      } else {
        replaceEntries(binding, entries);
      }
    }
  }

  private void replaceEntries(GenericKubernetesResource binding, List<Map<String, Object>> entries) {
    Map<String, Object> spec = Fields.map(binding, "spec");
    spec.put("bindings", entries);
    api.replaceSpec(Kinds.CLUSTER_RESOURCE_SET_BINDING, binding.getMetadata().getNamespace(),
        binding.getMetadata().getName(), spec);
  }

  /** The workload API answers: the control plane is initialized and its kubeconfig Secret exists. */
  private boolean reachable(GenericKubernetesResource cluster) {
    return Conditions.isTrue(cluster, "ControlPlaneInitialized") && api.get(CoreKinds.SECRET,
        cluster.getMetadata().getNamespace(), new K0smotronNames(cluster.getMetadata().getName()).kubeconfigSecret())
        != null;
  }

  private void writeStatus(GenericKubernetesResource crs, List<String> problems, int waiting) {
    Condition applied;
    if (problems.stream().anyMatch(p -> p.startsWith("WrongSecretType:"))) {
      applied = Condition.isFalse("ResourcesApplied", "WrongSecretType", String.join("; ", problems)
          .replace("WrongSecretType:", ""));
    } else if (!problems.isEmpty()) {
      applied = Condition.isFalse("ResourcesApplied", "NotApplied", String.join("; ", problems));
    } else if (waiting > 0) {
      applied = Condition.isFalse("ResourcesApplied", "NotApplied", "Waiting for " + waiting
          + (waiting == 1 ? " Cluster" : " Clusters") + " to have a reachable control plane");
    } else {
      applied = Condition.isTrue("ResourcesApplied", "Applied");
    }
    api.writeStatus(Kinds.CLUSTER_RESOURCE_SET, crs, Fields.obj(
        "conditions", Conditions.merge(Conditions.of(crs), List.of(applied), timeline.now(),
            crs.getMetadata().getGeneration()),
        "observedGeneration", crs.getMetadata().getGeneration()));
  }

  private GenericKubernetesResource resource(String namespace, Map<String, Object> resource) {
    KubeKind kind = kindOf(resource);
    return kind == null ? null : api.get(kind, namespace, String.valueOf(resource.get("name")));
  }

  private static KubeKind kindOf(Map<String, Object> resource) {
    return "Secret".equals(resource.get("kind")) ? CoreKinds.SECRET
        : "ConfigMap".equals(resource.get("kind")) ? CoreKinds.CONFIG_MAP : null;
  }
}
