package dev.tenantplatform.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The stored objects of the CRUD mock, found by collection (API group, version, plural) and by namespace and
 * name, as an API server finds them, instead of by matching every stored object against each request: the
 * mock's own store is one map that every read and write looks through entry by entry, so its calls grow
 * slower with every tenant.
 *
 * <p>Kept beside the mock's store, written wherever it is (under the mock's write lock), and read without a
 * lock: each entry is immutable, so a reader sees an object as it was before or after a write, never half.
 */
final class ObjectIndex {

  private static final String API = KubernetesAttributesExtractor.API;
  private static final String VERSION = KubernetesAttributesExtractor.VERSION;
  private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
  private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
  private static final String NAME = KubernetesAttributesExtractor.NAME;

  /** One stored object: the mock's key for it and its JSON. */
  record Entry(AttributeSet key, String json) {
  }

  /** Per collection, the objects by {@code namespace/name} (cluster-scoped ones as {@code /name}), in order. */
  private final Map<String, NavigableMap<String, Entry>> collections = new ConcurrentHashMap<>();

  /** Records a write: {@code before} is the key the object had (null for a create), {@code after} its new one. */
  void replace(AttributeSet before, Entry after) {
    if (before != null) {
      remove(before);
    }
    if (after != null) {
      String collection = collection(after.key());
      if (collection != null && after.key().containsKey(NAME)) {
        collections.computeIfAbsent(collection, c -> new ConcurrentSkipListMap<>())
            .put(place(after.key()), after);
      }
    }
  }

  private void remove(AttributeSet key) {
    String collection = collection(key);
    NavigableMap<String, Entry> objects = collection == null ? null : collections.get(collection);
    if (objects != null) {
      objects.remove(place(key));
    }
  }

  void clear() {
    collections.clear();
  }

  /**
   * Whether the index can answer {@code query} by itself: it names a collection, and a namespace unless the
   * collection holds only cluster-scoped objects. Anything else the mock answers as it always did.
   */
  boolean answers(AttributeSet query) {
    String collection = collection(query);
    if (collection == null) {
      return false;
    }
    if (query.containsKey(NAMESPACE) || !query.containsKey(NAME)) {
      return true;
    }
    NavigableMap<String, Entry> objects = collections.get(collection);
    return objects == null || objects.isEmpty() || objects.firstKey().startsWith("/");
  }

  /** The one object {@code query} (which {@link #answers}, with a name) selects, if it is stored. */
  Optional<Entry> find(AttributeSet query) {
    NavigableMap<String, Entry> objects = collections.get(collection(query));
    Entry entry = objects == null ? null : objects.get(place(query));
    return entry != null && entry.key().matches(query) ? Optional.of(entry) : Optional.empty();
  }

  /** Every stored object {@code query} (which {@link #answers}, without a name) selects, by namespace and name. */
  List<String> list(AttributeSet query) {
    NavigableMap<String, Entry> objects = collections.get(collection(query));
    if (objects == null) {
      return List.of();
    }
    Collection<Entry> candidates = objects.values();
    String namespace = value(query, NAMESPACE);
    if (namespace != null) {
      candidates = objects.subMap(namespace + "/", true, namespace + "0", false).values();
    }
    List<String> items = new ArrayList<>();
    for (Entry entry : candidates) {
      if (entry.key().matches(query)) {
        items.add(entry.json());
      }
    }
    return items;
  }

  /** {@code group/version/plural}; null when the attributes name no version or plural. */
  private static String collection(AttributeSet attributes) {
    String version = value(attributes, VERSION);
    String plural = value(attributes, PLURAL);
    if (version == null || plural == null) {
      return null;
    }
    String api = value(attributes, API);
    return (api == null ? "" : api) + "/" + version + "/" + plural;
  }

  private static String place(AttributeSet attributes) {
    String namespace = value(attributes, NAMESPACE);
    return (namespace == null ? "" : namespace) + "/" + value(attributes, NAME);
  }

  private static String value(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
      return null;
    }
    return attribute.getValues().get(0).toString();
  }
}
