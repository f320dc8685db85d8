package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the scheduler and the kubelet for one pod: scheduled ({@code Pending}), containers started
 * ({@code Running}, not Ready), then Ready once the readiness delay has passed and the gate allows it.
 */
final class PodLifecycle {

  private static final String CREATED = "pod-created";
  private static final String STARTED = "pod-started";

  private final Api api;
  private final Timeline timeline;

  PodLifecycle(Api api, Timeline timeline) {
    this.api = api;
    this.timeline = timeline;
  }

  /**
   * Moves the pod one step when its time has come; returns when to look again.
   *
   * @param startup   how long until the containers run
   * @param readiness how long after start until the readiness probe passes
   * @param mayBeReady whether the probe can pass at all (dependencies up, no injected fault)
   */
  Result advance(GenericKubernetesResource pod, Duration startup, Duration readiness, boolean mayBeReady) {
    String uid = Api.uid(pod);
    String phase = Fields.string(pod, "status", "phase");
    boolean ready = ControlPlaneStatus.podReady(pod);
    if (phase == null) {
      timeline.since(uid, CREATED);
      api.writeStatus(CoreKinds.POD, pod, status(pod, "Pending", false));
      return Result.after(startup);
    }
    if ("Pending".equals(phase)) {
      Duration left = timeline.remaining(uid, CREATED, startup);
      if (!left.isZero()) {
        return Result.after(left);
      }
      timeline.since(uid, STARTED);
      api.writeStatus(CoreKinds.POD, pod, status(pod, "Running", false));
      return Result.after(readiness);
    }
    if ("Running".equals(phase) && !ready && mayBeReady) {
      Duration left = timeline.remaining(uid, STARTED, readiness);
      if (!left.isZero()) {
        return Result.after(left);
      }
      api.writeStatus(CoreKinds.POD, pod, status(pod, "Running", true));
    }
    return Result.DONE;
  }

  private Map<String, Object> status(GenericKubernetesResource pod, String phase, boolean ready) {
    Instant now = timeline.now();
    Map<String, Object> current = Fields.map(pod, "status");
    boolean running = "Running".equals(phase);
    List<Map<String, Object>> conditions = new ArrayList<>();
    conditions.add(condition(pod, "PodReadyToStartContainers", running, null, now));
    conditions.add(condition(pod, "Initialized", true, null, now));
    conditions.add(condition(pod, "Ready", ready, notReady(pod), now));
    conditions.add(condition(pod, "ContainersReady", ready, notReady(pod), now));
    conditions.add(condition(pod, "PodScheduled", true, null, now));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("conditions", conditions);
    status.put("hostIP", Addresses.NODE_IP);
    status.put("hostIPs", List.of(Map.of("ip", Addresses.NODE_IP)));
    if (running) {
      String ip = podIp(pod);
      status.put("podIP", ip);
      status.put("podIPs", List.of(Map.of("ip", ip)));
    }
    status.put("startTime", current.getOrDefault("startTime", Conditions.timestamp(now)));
    status.put("containerStatuses", containerStatuses(pod, running, ready, now));
    status.put("qosClass", qosClass(pod));
    return status;
  }

  private static List<Map<String, Object>> containerStatuses(GenericKubernetesResource pod, boolean running,
      boolean ready, Instant now) {
    List<Map<String, Object>> previous = Fields.maps(Fields.list(pod, "status", "containerStatuses"));
    List<Map<String, Object>> statuses = new ArrayList<>();
    for (Map<String, Object> container : Fields.maps(Fields.list(pod, "spec", "containers"))) {
      String name = String.valueOf(container.get("name"));
      String startedAt = previous.stream().filter(p -> name.equals(p.get("name")))
          .map(p -> Fields.string(p, "state", "running", "startedAt")).filter(s -> s != null).findFirst()
          .orElse(Conditions.timestamp(now));
      Map<String, Object> state = running ? Map.of("running", Map.of("startedAt", startedAt))
          : Map.of("waiting", Map.of("reason", "ContainerCreating"));
      statuses.add(Fields.obj(
          "name", name,
          "image", container.get("image"),
          "imageID", running ? container.get("image") + "@sha256:" + digest(String.valueOf(container.get("image")))
              : "",
          "containerID", running ? "containerd://" + digest(Api.uid(pod) + name) : null,
          "ready", ready,
          "started", running,
          "restartCount", 0,
          "state", state));
    }
    return statuses;
  }

  private static Map<String, Object> condition(GenericKubernetesResource pod, String type, boolean value,
      String reasonWhenFalse, Instant now) {
    String status = value ? Condition.TRUE : Condition.FALSE;
    Map<String, Object> previous = Conditions.find(pod, type).orElse(null);
    Object since = previous != null && status.equals(previous.get("status"))
        ? previous.get("lastTransitionTime") : Conditions.timestamp(now);
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", status);
    condition.put("lastProbeTime", null);
    condition.put("lastTransitionTime", since);
    if (!value && reasonWhenFalse != null) {
      condition.put("reason", "ContainersNotReady");
      condition.put("message", reasonWhenFalse);
    }
    return condition;
  }

  private static String notReady(GenericKubernetesResource pod) {
    List<String> names = Fields.maps(Fields.list(pod, "spec", "containers")).stream()
        .map(c -> String.valueOf(c.get("name"))).toList();
    return "containers with unready status: [" + String.join(" ", names) + "]";
  }

  /** BestEffort without requests or limits, Guaranteed when they are equal, Burstable otherwise. */
  static String qosClass(GenericKubernetesResource pod) {
    boolean any = false;
    boolean guaranteed = true;
    for (Map<String, Object> container : Fields.maps(Fields.list(pod, "spec", "containers"))) {
      Object resources = container.get("resources");
      Map<?, ?> map = resources instanceof Map<?, ?> m ? m : Map.of();
      Object requests = map.get("requests");
      Object limits = map.get("limits");
      boolean hasRequests = requests instanceof Map<?, ?> r && !r.isEmpty();
      boolean hasLimits = limits instanceof Map<?, ?> l && !l.isEmpty();
      any |= hasRequests || hasLimits;
      guaranteed &= hasLimits && (!hasRequests || Fields.sameJson(requests, limits));
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }

  private static String podIp(GenericKubernetesResource pod) {
    int h = Math.floorMod(Api.uid(pod).hashCode(), 250 * 250);
    return "10.244." + (h / 250) + "." + (h % 250 + 2);
  }

  private static String digest(String text) {
    return Hashes.sha256(text);
  }
}
