package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and merges {@code status.conditions} lists the way controllers' condition helpers do. */
final class Conditions {

  private Conditions() {
  }

  static List<Map<String, Object>> of(GenericKubernetesResource r) {
    return Fields.maps(Fields.list(r, "status", "conditions"));
  }

  static Optional<Map<String, Object>> find(GenericKubernetesResource r, String type) {
    return of(r).stream().filter(c -> type.equals(c.get("type"))).findFirst();
  }

  static boolean isTrue(GenericKubernetesResource r, String type) {
    return find(r, type).map(c -> Condition.TRUE.equals(c.get("status"))).orElse(false);
  }

  /** The condition as a record, or null when the object does not report it. */
  static Condition get(GenericKubernetesResource r, String type) {
    return find(r, type).map(c -> new Condition(type, String.valueOf(c.get("status")),
        String.valueOf(c.getOrDefault("reason", "")), String.valueOf(c.getOrDefault("message", "")))).orElse(null);
  }

  /**
   * The conditions to write: the wanted ones in order, keeping each one's last transition time while its
   * status does not change, followed by conditions this controller does not own.
   */
  static List<Map<String, Object>> merge(List<Map<String, Object>> current, List<Condition> wanted, Instant now,
      Long observedGeneration) {
    List<Map<String, Object>> merged = new ArrayList<>();
    for (Condition condition : wanted) {
      Map<String, Object> previous = current.stream().filter(c -> condition.type().equals(c.get("type")))
          .findFirst().orElse(null);
      boolean unchanged = previous != null && condition.status().equals(previous.get("status"));
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("type", condition.type());
      map.put("status", condition.status());
      if (observedGeneration != null) {
        map.put("observedGeneration", observedGeneration);
      }
      map.put("lastTransitionTime", unchanged ? previous.get("lastTransitionTime") : timestamp(now));
      map.put("reason", condition.reason());
      map.put("message", condition.message() == null ? "" : condition.message());
      merged.add(map);
    }
    for (Map<String, Object> other : current) {
      if (wanted.stream().noneMatch(c -> c.type().equals(other.get("type")))) {
        merged.add(other);
      }
    }
    return merged;
  }

  /** A Kubernetes timestamp: RFC 3339, whole seconds, UTC. */
  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
