package dev.tenantplatform.audit.fold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The words of a report: what each entry is and says in one line, shared by the table and the CSV so that
 * both read alike. No locale and no clock: the same entry always reads the same.
 */
final class EntryText {

  private EntryText() {
  }

  /** {@code request create}, {@code tenant.ready}, {@code dead letter}, {@code unreadable event}. */
  static String what(HistoryEntry entry) {
    if (entry instanceof HistoryEntry.Request r) {
      return "request " + (r.action() == null ? "(no action)" : r.action().wire());
    }
    if (entry instanceof HistoryEntry.Event e) {
      return e.type().eventName();
    }
    if (entry instanceof HistoryEntry.KubeconfigRead) {
      return "kubeconfig read";
    }
    return entry instanceof HistoryEntry.Unreadable u ? "unreadable " + u.what() : "dead letter";
  }

  /** The kind of entry, one word: {@code request}, {@code event}, {@code deadLetter}, {@code unreadable}. */
  static String kind(HistoryEntry entry) {
    if (entry instanceof HistoryEntry.Request) {
      return "request";
    }
    if (entry instanceof HistoryEntry.Event) {
      return "event";
    }
    if (entry instanceof HistoryEntry.KubeconfigRead) {
      return "kubeconfigRead";
    }
    return entry instanceof HistoryEntry.Unreadable ? "unreadable" : "deadLetter";
  }

  /** What the entry says, in one line. */
  static String detail(HistoryEntry entry) {
    String text;
    if (entry instanceof HistoryEntry.Request r) {
      text = "by " + orNone(r.requestedBy())
          + (r.cluster() == null || spec(r.cluster()).isEmpty() ? "" : ": " + spec(r.cluster()))
          + " (from " + r.source() + ")";
    } else if (entry instanceof HistoryEntry.Event e) {
      text = e.detail();
    } else if (entry instanceof HistoryEntry.KubeconfigRead r) {
      text = "by " + orNone(r.readBy()) + " (" + orNone(r.scope()) + " scope)";
    } else if (entry instanceof HistoryEntry.DeadLetter d) {
      text = (d.reasonCode() == null ? "" : "[" + d.reasonCode() + "] ") + orNone(d.reason())
          + (d.source() == null ? "" : " (record " + d.source() + ")");
    } else {
      text = ((HistoryEntry.Unreadable) entry).reason();
    }
    return oneLine(text);
  }

  /** The sequence of an event, else {@code -}. */
  static String sequence(HistoryEntry entry) {
    return entry instanceof HistoryEntry.Event e ? Long.toString(e.sequence()) : "-";
  }

  /** The fields a spec sets, with the contract's names: {@code version=v1.32.8+k0s.0 workers=2}. */
  static String spec(ClusterSpec spec) {
    StringJoiner out = new StringJoiner(" ");
    add(out, "version", spec.version());
    add(out, "controlPlaneReplicas", spec.controlPlaneReplicas());
    add(out, "workers", spec.workers());
    add(out, "cni", spec.cni());
    add(out, "persistence", spec.persistence());
    add(out, "serviceType", spec.serviceType());
    add(out, "infrastructure", spec.infrastructure());
    return out.toString();
  }

  /** {@code control plane ready 61.234 s, provisioned 48.500 s, ready 95.000 s; degraded 42.000 s (1 recovery)}. */
  static String durations(Durations d) {
    List<String> parts = new ArrayList<>();
    if (d.ready() != null) {
      parts.add("control plane ready " + seconds(d.controlPlaneReady()) + ", provisioned "
          + seconds(d.provisioned()) + ", ready " + seconds(d.ready()));
    }
    if (d.recoveries() > 0) {
      parts.add("degraded " + seconds(d.degraded()) + " (" + d.recoveries() + " recover"
          + (d.recoveries() == 1 ? "y" : "ies") + ")");
    }
    return parts.isEmpty() ? "none measured" : String.join("; ", parts);
  }

  /** Seconds with exactly three decimals, {@code 48.500 s}, or {@code ? s} when not measured. */
  static String seconds(BigDecimal seconds) {
    return (seconds == null ? "?" : seconds.setScale(3, RoundingMode.HALF_UP).toPlainString()) + " s";
  }

  /** What an event of {@code type} with {@code d} says, in one line. */
  static String event(EventType type, JsonNode d) {
    return oneLine(switch (type) {
      case TENANT_ACCEPTED -> d.path("action").asText("?") + " by " + d.path("requestedBy").asText("?")
          + (d.path("cluster").isObject() ? ": " + spec(ClusterSpec.fromEvent(d.get("cluster"), ClusterSpec.UNCHANGED))
          : "");
      case TENANT_REJECTED -> d.path("reason").asText("");
      case CLUSTER_APPLIED -> d.path("namespace").asText("?") + ", " + d.path("objects").size() + " objects";
      case CLUSTER_CONTROLPLANE_READY -> d.path("readyReplicas").asText("?") + "/" + d.path("replicas").asText("?")
          + " control-plane pods ready" + (d.hasNonNull("version") ? ", " + d.get("version").asText() : "");
      case CLUSTER_PROVISIONED -> d.path("controlPlaneEndpoint").isObject()
          ? "endpoint " + d.path("controlPlaneEndpoint").path("host").asText("?")
              + (d.path("controlPlaneEndpoint").has("port") ? ":" + d.path("controlPlaneEndpoint").path("port")
              .asText() : "")
          : "";
      case CLUSTER_WORKERS_READY -> d.path("readyWorkers").asText("?") + "/" + d.path("workers").asText("?")
          + " workers ready";
      case CLUSTER_CNI_APPLIED -> d.path("cni").asText("?")
          + (d.hasNonNull("resourceSet") ? " (ClusterResourceSet " + d.get("resourceSet").asText() + ")" : "");
      case TENANT_READY -> EventType.TENANT_READY.isRecovery(d)
          ? "recovered after " + seconds(decimal(d, "degradedSeconds")) + " degraded"
          : "control plane ready " + seconds(decimal(d, "controlPlaneReadySeconds")) + ", provisioned "
              + seconds(decimal(d, "provisionedSeconds")) + ", ready " + seconds(decimal(d, "readySeconds"))
              + " after the request";
      case TENANT_UPDATED -> "changed " + list(d.path("changed")) + ": "
          + spec(ClusterSpec.fromEvent(d.get("cluster"), ClusterSpec.UNCHANGED));
      case CLUSTER_DEGRADED, CLUSTER_FAILED -> (d.hasNonNull("stage") ? d.get("stage").asText() + ": " : "")
          + d.path("reason").asText("");
      case TENANT_DELETING -> d.hasNonNull("requestedBy") ? "by " + d.get("requestedBy").asText() : "";
      case TENANT_DELETED -> "";
    });
  }

  private static BigDecimal decimal(JsonNode data, String key) {
    return data.path(key).isNumber() ? data.get(key).decimalValue() : null;
  }

  private static String list(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return items.isEmpty() ? "nothing" : String.join(", ", items);
  }

  private static void add(StringJoiner out, String name, Object value) {
    if (value != null) {
      out.add(name + "=" + value);
    }
  }

  private static String orNone(String text) {
    return text == null ? "(none)" : text;
  }

  /** Line breaks and tabs in what a record says would break a table's rows: they become spaces. */
  static String oneLine(String text) {
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0) {
      return text;
    }
    StringBuilder line = new StringBuilder(text.length());
    boolean inBreak = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean isBreak = c == '\n' || c == '\r' || c == '\t';
      if (!isBreak) {
        line.append(c);
      } else if (!inBreak) {
        line.append(' ');
      }
      inBreak = isBreak;
    }
    return line.toString();
  }
}
