package dev.tenantplatform.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of an object the platform owns: everything it sets, without {@code status} (the controllers'
 * part) and without the metadata the API server sets. Where the server cannot apply, this decides whether
 * the live object already says what the platform wants.
 */
final class DesiredObject {

  private static final List<String> SERVER_SET_METADATA = List.of("uid", "resourceVersion", "generation",
      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink");

  private final ObjectNode tree;
  /** The object as given, when it holds nothing but the owned part (the usual case): sent as it is. */
  private final HasMetadata plain;
  private final KubernetesSerialization serialization;

  private DesiredObject(ObjectNode tree, HasMetadata plain, KubernetesSerialization serialization) {
    this.tree = tree;
    this.plain = plain;
    this.serialization = serialization;
  }

  static DesiredObject of(HasMetadata desired, KubernetesSerialization serialization) {
    ObjectNode tree = serialization.convertValue(desired, ObjectNode.class);
    return new DesiredObject(tree, strip(tree) ? null : desired, serialization);
  }

  /**
   * Whether two versions of an object say the same apart from status and the server's bookkeeping: a write
   * that changed only those (the CRUD mock's apply adds {@code status: null} once) changed nothing the
   * platform set.
   */
  static boolean sameContent(HasMetadata before, HasMetadata after, KubernetesSerialization serialization) {
    return owned(before, serialization).equals(owned(after, serialization));
  }

  private static ObjectNode owned(HasMetadata object, KubernetesSerialization serialization) {
    ObjectNode tree = serialization.convertValue(object, ObjectNode.class);
    strip(tree);
    return tree;
  }

  /** Removes the status and the server's metadata from {@code tree}: whether there was any. */
  private static boolean strip(ObjectNode tree) {
    boolean stripped = tree.remove("status") != null;
    if (tree.get("metadata") instanceof ObjectNode metadata) {
      int fields = metadata.size();
      metadata.remove(SERVER_SET_METADATA);
      stripped |= metadata.size() != fields;
    }
    return stripped;
  }

  /** The owned part as an object of {@code type}, to send: never carries a status or a stale resourceVersion. */
  <T extends HasMetadata> T as(Class<T> type) {
    return type.isInstance(plain) ? type.cast(plain) : serialization.convertValue(tree, type);
  }

  /** A fingerprint of the owned part: the same desired content, the same fingerprint. */
  int fingerprint() {
    return tree.hashCode();
  }

  /** The owned part as a JSON merge patch. */
  String asMergePatch() {
    return serialization.asJson(tree);
  }

  /**
   * Whether merging this into {@code live} would change nothing: every field set here has the same value
   * there. Fields only the live object has (defaults, other writers' fields, status) do not count.
   */
  boolean isSatisfiedBy(HasMetadata live) {
    return contains(serialization.convertValue(live, JsonNode.class), tree);
  }

  private static boolean contains(JsonNode live, JsonNode wanted) {
    if (wanted.isObject()) {
      return live != null && live.isObject() && fieldsContained(live, wanted);
    }
    if (live == null) {
      return wanted.isNull();
    }
    if (wanted.isNumber()) {
      return live.isNumber() && live.decimalValue().compareTo(wanted.decimalValue()) == 0;
    }
    if (wanted.isArray()) {
      // a merge patch replaces lists whole: the same length, each element holding what is wanted of it
      if (!live.isArray() || live.size() != wanted.size()) {
        return false;
      }
      for (int i = 0; i < wanted.size(); i++) {
        if (!contains(live.get(i), wanted.get(i))) {
          return false;
        }
      }
      return true;
    }
    return live.equals(wanted);
  }

  private static boolean fieldsContained(JsonNode live, JsonNode wanted) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode there = live.get(field.getKey());
      if (field.getValue().isNull() ? there != null && !there.isNull() : !contains(there, field.getValue())) {
        return false;
      }
    }
    return true;
  }
}
