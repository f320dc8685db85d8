package dev.tenantplatform.provisioner.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON-shaped maps for the specs of the objects the blueprint builds. Keys keep their insertion order, so
 * the same input always gives byte-identical objects (and readable {@code kubectl get -o yaml}); a key whose
 * value is {@code null} is left out, which is how optional fields stay absent.
 */
final class Spec {

  private Spec() {
  }

  /** An ordered, unmodifiable map of alternating keys and values; entries with a null value are skipped. */
  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs, got " + keysAndValues.length + " items");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
