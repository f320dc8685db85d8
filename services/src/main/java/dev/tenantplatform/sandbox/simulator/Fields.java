package dev.tenantplatform.sandbox.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;

/** Typed reads from the nested maps of a generic resource, and the JSON equality that decides whether to write. */
final class Fields {

  private static final ObjectMapper JSON = Serialization.jsonMapper();
  /** Map keys sorted, so that equal content always hashes the same whatever order the API server returns. */
  private static final ObjectMapper CANONICAL = JSON.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
      true);

  private Fields() {
  }

  static String string(GenericKubernetesResource r, Object... path) {
    Object value = r == null ? null : r.get(path);
    return value instanceof String s ? s : null;
  }

  static long number(GenericKubernetesResource r, long fallback, Object... path) {
    Object value = r == null ? null : r.get(path);
    return value instanceof Number n ? n.longValue() : fallback;
  }

  static boolean bool(GenericKubernetesResource r, Object... path) {
    Object value = r == null ? null : r.get(path);
    return Boolean.TRUE.equals(value);
  }

  /** A mutable copy of the map at the path; empty when absent. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(GenericKubernetesResource r, Object... path) {
    Object value = r == null ? null : r.get(path);
    return value instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
  }

  /** A mutable copy of the list at the path; empty when absent. */
  @SuppressWarnings("unchecked")
  static List<Object> list(GenericKubernetesResource r, Object... path) {
    Object value = r == null ? null : r.get(path);
    return value instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
  }

  /** Maps in a list of objects, skipping anything else. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(List<Object> values) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Map<?, ?> m) {
        maps.add(new LinkedHashMap<>((Map<String, Object>) m));
      }
    }
    return maps;
  }

  /** The value as a list, empty when it is not one. */
  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return value instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
  }

  @SuppressWarnings("unchecked")
  static String string(Map<String, Object> map, String... path) {
    Object value = map;
    for (String key : path) {
      value = value instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
    }
    return value instanceof String s ? s : null;
  }

  /** Whether two values are the same JSON, so {@code 1} and {@code 1L} compare equal. */
  static boolean sameJson(Object a, Object b) {
    JsonNode left = JSON.valueToTree(a);
    JsonNode right = JSON.valueToTree(b);
    return left == null || right == null ? left == right : left.equals(NUMBERS_BY_VALUE, right);
  }

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
    if (x.isNumber() && y.isNumber()) {
      return x.decimalValue().compareTo(y.decimalValue());
    }
    return x.equals(y) ? 0 : 1;
  };

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** The value as JSON with map keys sorted, for hashing. */
  static String canonicalJson(Object value) {
    try {
      return CANONICAL.writeValueAsString(CANONICAL.convertValue(value, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** An insertion-ordered map from alternating keys and values, skipping null values. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }
}
