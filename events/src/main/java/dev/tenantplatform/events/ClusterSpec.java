package dev.tenantplatform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant cluster a request asks for. A field left out ({@code null}) means "the default" in a
 * create and "unchanged" in an update; {@link #over(ClusterSpec)} resolves it against a base.
 *
 * @param version k0s version, {@code vX.Y.Z+k0s.N}; a bare {@code vX.Y.Z} is completed to {@code +k0s.0}
 * @param controlPlaneReplicas hosted control-plane pods, odd (1, 3, 5, 7)
 * @param workers worker machines of the MachineDeployment
 * @param cni only {@code calico}, installed by a ClusterResourceSet
 * @param persistence k0s data of the control-plane pods: {@code emptyDir}, {@code hostPath} or {@code pvc}
 * @param serviceType how the control plane is exposed: {@code ClusterIP}, {@code NodePort} or {@code LoadBalancer}
 * @param infrastructure machine provider of the workers: {@code docker} (CAPD) or {@code dev}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSpec(String version, Integer controlPlaneReplicas, Integer workers, String cni,
    String persistence, String serviceType, String infrastructure) {

  /** The seed workshop's cluster: k0s v1.32.8, three hosted control-plane pods, two Docker workers. */
  public static final ClusterSpec DEFAULTS =
      new ClusterSpec("v1.32.8+k0s.0", 3, 2, "calico", "emptyDir", "NodePort", "docker");

  /** An update that changes nothing. */
  public static final ClusterSpec UNCHANGED = new ClusterSpec(null, null, null, null, null, null, null);

  // Consumers ignore data keys they do not know (events/README.md), the spec's included.
  private static final ObjectMapper LENIENT = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** The text fields, in the order of the record's components. */
  private static final String[] TEXT_FIELDS = {"version", "cni", "persistence", "serviceType", "infrastructure"};

  /** The spec in an event's {@code cluster}, or {@code fallback} when there is none that can be read. */
  public static ClusterSpec fromEvent(JsonNode cluster, ClusterSpec fallback) {
    if (cluster == null || !cluster.isObject()) {
      return fallback;
    }
    ClusterSpec plain = plain(cluster);
    if (plain != null) {
      return plain;
    }
    try {
      return LENIENT.treeToValue(cluster, ClusterSpec.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return fallback;
    }
  }

  /**
   * {@code cluster} read by hand when every field it holds has its own type (text, or a whole number that fits
   * an int) or is null: what the data binding gives then, at a fraction of its cost (a replay reads a spec from
   * every event that carries one). Null when a field needs the binding's coercions or its refusal.
   */
  private static ClusterSpec plain(JsonNode cluster) {
    JsonNode replicas = cluster.get("controlPlaneReplicas");
    JsonNode workers = cluster.get("workers");
    if (!isPlainInt(replicas) || !isPlainInt(workers)) {
      return null;
    }
    String[] texts = new String[TEXT_FIELDS.length];
    for (int i = 0; i < texts.length; i++) {
      JsonNode value = cluster.get(TEXT_FIELDS[i]);
      if (value != null && !value.isNull() && !value.isTextual()) {
        return null;
      }
      texts[i] = value == null ? null : value.textValue();
    }
    return new ClusterSpec(texts[0], intOrNull(replicas), intOrNull(workers), texts[1], texts[2], texts[3],
        texts[4]);
  }

  private static boolean isPlainInt(JsonNode value) {
    return value == null || value.isNull() || value.isIntegralNumber() && value.canConvertToInt();
  }

  private static Integer intOrNull(JsonNode value) {
    return value == null || value.isNull() ? null : value.intValue();
  }

  /** This spec with every missing field taken from {@code base}. */
  public ClusterSpec over(ClusterSpec base) {
    return new ClusterSpec(
        version != null ? version : base.version,
        controlPlaneReplicas != null ? controlPlaneReplicas : base.controlPlaneReplicas,
        workers != null ? workers : base.workers,
        cni != null ? cni : base.cni,
        persistence != null ? persistence : base.persistence,
        serviceType != null ? serviceType : base.serviceType,
        infrastructure != null ? infrastructure : base.infrastructure);
  }

  /** This spec with the seed's defaults filled in. */
  public ClusterSpec withDefaults() {
    return over(DEFAULTS);
  }

  /**
   * The fields this spec (an update) sets to a value other than {@code current}'s, in declaration order: the
   * {@code changed} list of {@code tenant.updated}. Versions are compared in their normal form, so
   * {@code v1.32.8} does not change {@code v1.32.8+k0s.0}.
   */
  public List<String> changesFrom(ClusterSpec current) {
    List<String> changed = new ArrayList<>();
    if (version != null && !sameVersion(version, current.version)) {
      changed.add("version");
    }
    addIfChanged(changed, "controlPlaneReplicas", controlPlaneReplicas, current.controlPlaneReplicas);
    addIfChanged(changed, "workers", workers, current.workers);
    addIfChanged(changed, "cni", cni, current.cni);
    addIfChanged(changed, "persistence", persistence, current.persistence);
    addIfChanged(changed, "serviceType", serviceType, current.serviceType);
    addIfChanged(changed, "infrastructure", infrastructure, current.infrastructure);
    return List.copyOf(changed);
  }

  private static void addIfChanged(List<String> changed, String field, Object wanted, Object current) {
    if (wanted != null && !wanted.equals(current)) {
      changed.add(field);
    }
  }

  private static boolean sameVersion(String a, String b) {
    return a.equals(b) || K0sVersion.read(a).equals(K0sVersion.read(b)) && K0sVersion.read(a).isPresent();
  }

  public ClusterSpec withVersion(String newVersion) {
    return new ClusterSpec(newVersion, controlPlaneReplicas, workers, cni, persistence, serviceType, infrastructure);
  }

  public ClusterSpec withWorkers(Integer newWorkers) {
    return new ClusterSpec(version, controlPlaneReplicas, newWorkers, cni, persistence, serviceType, infrastructure);
  }

  public ClusterSpec withControlPlaneReplicas(Integer replicas) {
    return new ClusterSpec(version, replicas, workers, cni, persistence, serviceType, infrastructure);
  }
}
