package dev.tenantplatform.sandbox.simulator;

import java.util.List;
import java.util.Map;

/** Kubernetes label selector matching ({@code matchLabels} and {@code matchExpressions}); an empty selector matches nothing, as ClusterResourceSets treat it. */
final class LabelSelectors {

  private LabelSelectors() {
  }

  @SuppressWarnings("unchecked")
  static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    Object matchLabels = selector.get("matchLabels");
    List<Map<String, Object>> expressions = Fields.maps(Fields.asList(selector.get("matchExpressions")));
    boolean empty = (!(matchLabels instanceof Map<?, ?> m) || m.isEmpty()) && expressions.isEmpty();
    if (empty) {
      return false;
    }
    if (matchLabels instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        if (!String.valueOf(e.getValue()).equals(have.get(e.getKey()))) {
          return false;
        }
      }
    }
    for (Map<String, Object> expression : expressions) {
      String key = String.valueOf(expression.get("key"));
      List<String> values = Fields.asList(expression.get("values")).stream().map(String::valueOf).toList();
      boolean ok = switch (String.valueOf(expression.get("operator"))) {
        case "In" -> have.containsKey(key) && values.contains(have.get(key));
        case "NotIn" -> !have.containsKey(key) || !values.contains(have.get(key));
        case "Exists" -> have.containsKey(key);
        case "DoesNotExist" -> !have.containsKey(key);
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
