package dev.tenantplatform.sandbox;

import io.vertx.core.json.JsonObject;

/** JSON merge patch as RFC 7386 defines it: objects merge, {@code null} removes, anything else replaces. */
final class MergePatch {

  private MergePatch() {
  }

  static JsonObject apply(JsonObject target, JsonObject patch) {
    JsonObject result = target.copy();
    for (String key : patch.fieldNames()) {
      Object value = patch.getValue(key);
      if (value == null) {
        result.remove(key);
      } else if (value instanceof JsonObject nested && result.getValue(key) instanceof JsonObject existing) {
        result.put(key, apply(existing, nested));
      } else if (value instanceof JsonObject nested) {
        result.put(key, apply(new JsonObject(), nested));
      } else {
        result.put(key, value);
      }
    }
    return result;
  }
}
