package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Plays the StatefulSet controller of the management cluster: pods {@code <name>-0 … <name>-<n-1>} created in
 * order (each once the previous is Ready) or all at once for {@code Parallel}, scaled down from the highest
 * ordinal, replaced one by one when the template changes, one volume claim per template and pod; and the
 * StatefulSet's status. The pods' own lifecycle is {@link PodLifecycle}'s.
 */
final class StatefulSetController implements Reconciler {

  private final Api api;
  private final PodLifecycle pods;
  private final SimulatorProfile profile;
  private final Predicate<GenericKubernetesResource> mayBeReady;

  /**
   * @param mayBeReady whether a pod's readiness probe can pass at all: its dependencies are up and no fault
   *                   keeps it down
   */
  StatefulSetController(Api api, PodLifecycle pods, SimulatorProfile profile,
      Predicate<GenericKubernetesResource> mayBeReady) {
    this.api = api;
    this.pods = pods;
    this.profile = profile;
    this.mayBeReady = mayBeReady;
  }

  @Override
  public String name() {
    return "statefulset";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource sts = api.get(CoreKinds.STATEFUL_SET, key.namespace(), key.name());
    if (sts == null || Api.deleting(sts)) {
      return Result.DONE;
    }
    int replicas = (int) Fields.number(sts, 1, "spec", "replicas");
    String revision = key.name() + "-" + Hashes.of(Fields.map(sts, "spec", "template")).substring(0, 10);
    boolean parallel = "Parallel".equals(Fields.string(sts, "spec", "podManagementPolicy"));
    TreeMap<Integer, GenericKubernetesResource> owned = new TreeMap<>();
    for (GenericKubernetesResource pod : api.list(CoreKinds.POD, key.namespace())) {
      if (Owners.ownedBy(pod, sts) && pod.getMetadata().getName().startsWith(key.name() + "-")) {
        ordinal(key.name(), pod).ifPresent(i -> owned.put(i, pod));
      }
    }
    boolean busy = scaleDown(key, owned, replicas, parallel) | scaleUp(sts, revision, owned, replicas, parallel);
    if (!busy) {
      rollOneOutdatedPod(key, owned, revision);
    }
    Result next = Result.DONE;
    for (GenericKubernetesResource pod : owned.values()) {
      next = next.soonest(pods.advance(pod, profile.podStartup(), readinessDelay(pod), mayBeReady.test(pod)));
    }
    writeStatus(sts, owned, revision);
    return next;
  }

  private Duration readinessDelay(GenericKubernetesResource pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    boolean etcd = labels != null && "etcd".equals(labels.get("component"));
    return etcd ? profile.etcdReadiness() : profile.controlPlaneReadiness();
  }

  /** Deletes pods beyond the replica count, highest ordinal first; returns whether any remain to delete. */
  private boolean scaleDown(ObjectKey key, TreeMap<Integer, GenericKubernetesResource> owned, int replicas,
      boolean parallel) {
    List<Integer> extra = owned.descendingKeySet().stream().filter(i -> i >= replicas).toList();
    for (Integer ordinal : parallel ? extra : extra.stream().limit(1).toList()) {
      api.delete(CoreKinds.POD, key.namespace(), owned.remove(ordinal).getMetadata().getName());
    }
    return !extra.isEmpty();
  }

  /** Creates missing pods: all for Parallel, else the lowest missing once every lower one is Ready. */
  private boolean scaleUp(GenericKubernetesResource sts, String revision,
      TreeMap<Integer, GenericKubernetesResource> owned, int replicas, boolean parallel) {
    boolean created = false;
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      if (owned.containsKey(ordinal)) {
        if (!parallel && !ControlPlaneStatus.podReady(owned.get(ordinal))) {
          return created;
        }
        continue;
      }
      GenericKubernetesResource pod = newPod(sts, revision, ordinal);
      volumeClaims(sts, pod.getMetadata().getName());
      api.createIfAbsent(CoreKinds.POD, pod);
      owned.put(ordinal, api.get(CoreKinds.POD, sts.getMetadata().getNamespace(), pod.getMetadata().getName()));
      created = true;
      if (!parallel) {
        return true;
      }
    }
    return created;
  }

  /** With every pod Ready, deletes the highest-ordinal pod of an older template; it comes back with the new one. */
  private void rollOneOutdatedPod(ObjectKey key, TreeMap<Integer, GenericKubernetesResource> owned, String revision) {
    if (!owned.values().stream().allMatch(ControlPlaneStatus::podReady)) {
      return;
    }
    owned.descendingMap().entrySet().stream()
        .filter(e -> !revision.equals(revisionOf(e.getValue())))
        .findFirst()
        .ifPresent(e -> {
          api.delete(CoreKinds.POD, key.namespace(), e.getValue().getMetadata().getName());
          owned.remove(e.getKey());
        });
  }

  private GenericKubernetesResource newPod(GenericKubernetesResource sts, String revision, int ordinal) {
    String name = sts.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = new LinkedHashMap<>();
    Fields.map(sts, "spec", "template", "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
    labels.put("apps.kubernetes.io/pod-index", String.valueOf(ordinal));
    labels.put("controller-revision-hash", revision);
    labels.put("statefulset.kubernetes.io/pod-name", name);
    Map<String, Object> spec = Fields.map(sts, "spec", "template", "spec");
    spec.put("hostname", name);
    spec.put("subdomain", Fields.string(sts, "spec", "serviceName"));
    spec.put("nodeName", Addresses.NODE_NAME);
    spec.putIfAbsent("restartPolicy", "Always");
    spec.putIfAbsent("schedulerName", "default-scheduler");
    List<Object> volumes = Fields.list(sts, "spec", "template", "spec", "volumes");
    for (Map<String, Object> claim : Fields.maps(Fields.list(sts, "spec", "volumeClaimTemplates"))) {
      String claimName = Fields.string(claim, "metadata", "name");
      volumes.add(Map.of("name", claimName, "persistentVolumeClaim", Map.of("claimName", claimName + "-" + name)));
    }
    spec.put("volumes", volumes);
    GenericKubernetesResource pod = new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("Pod")
        .withNewMetadata().withName(name).withNamespace(sts.getMetadata().getNamespace()).withLabels(labels)
        .withOwnerReferences(Owners.controller(sts)).endMetadata()
        .build();
    pod.setAdditionalProperty("spec", spec);
    return pod;
  }

  /** One bound claim per volume claim template, owned by the StatefulSet only when it deletes them with itself. */
  private void volumeClaims(GenericKubernetesResource sts, String podName) {
    boolean deleteWithSet = "Delete".equals(
        Fields.string(sts, "spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"));
    for (Map<String, Object> template : Fields.maps(Fields.list(sts, "spec", "volumeClaimTemplates"))) {
      String name = Fields.string(template, "metadata", "name") + "-" + podName;
      GenericKubernetesResourceBuilder builder = new GenericKubernetesResourceBuilder()
          .withApiVersion("v1").withKind("PersistentVolumeClaim")
          .withNewMetadata().withName(name).withNamespace(sts.getMetadata().getNamespace())
          .withLabels(stringMap(Fields.map(sts, "spec", "selector", "matchLabels"))).endMetadata();
      GenericKubernetesResource claim = builder.build();
      if (deleteWithSet) {
        claim.getMetadata().setOwnerReferences(List.of(Owners.controller(sts)));
      }
      Map<String, Object> spec = new LinkedHashMap<>(castMap(template.get("spec")));
      spec.put("storageClassName", "standard");
      spec.put("volumeMode", "Filesystem");
      claim.setAdditionalProperty("spec", spec);
      api.createIfAbsent(CoreKinds.PERSISTENT_VOLUME_CLAIM, claim);
      GenericKubernetesResource stored = api.get(CoreKinds.PERSISTENT_VOLUME_CLAIM, sts.getMetadata().getNamespace(),
          name);
      if (stored != null) {
        api.writeStatus(CoreKinds.PERSISTENT_VOLUME_CLAIM, stored, Fields.obj("phase", "Bound",
            "accessModes", spec.get("accessModes"), "capacity", Fields.map(stored, "spec", "resources", "requests")));
      }
    }
  }

  private void writeStatus(GenericKubernetesResource sts, TreeMap<Integer, GenericKubernetesResource> owned,
      String revision) {
    long ready = owned.values().stream().filter(ControlPlaneStatus::podReady).count();
    long updated = owned.values().stream().filter(p -> revision.equals(revisionOf(p))).count();
    String previous = Fields.string(sts, "status", "currentRevision");
    String currentRevision = updated == owned.size() || previous == null ? revision : previous;
    long current = owned.values().stream().filter(p -> currentRevision.equals(revisionOf(p))).count();
    api.writeStatus(CoreKinds.STATEFUL_SET, sts, Fields.obj(
        "observedGeneration", sts.getMetadata().getGeneration(),
        "replicas", owned.size(),
        "readyReplicas", ready,
        "currentReplicas", current,
        "updatedReplicas", updated,
        "availableReplicas", ready,
        "currentRevision", currentRevision,
        "updateRevision", revision,
        "collisionCount", 0));
  }

  private static String revisionOf(GenericKubernetesResource pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get("controller-revision-hash");
  }

  private static Optional<Integer> ordinal(String setName, GenericKubernetesResource pod) {
    String suffix = pod.getMetadata().getName().substring(setName.length() + 1);
    return suffix.chars().allMatch(Character::isDigit) && !suffix.isEmpty()
        ? Optional.of(Integer.parseInt(suffix)) : Optional.empty();
  }

  private static Map<String, String> stringMap(Map<String, Object> map) {
    Map<String, String> strings = new LinkedHashMap<>();
    map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    return strings;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
