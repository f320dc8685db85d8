package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes calls of the simulated controllers. Status goes through the status subresource as a whole
 * (one writer per status) and without a field manager, which the CRUD mock would silently ignore; metadata
 * and spec changes are JSON merge patches of just the fields a controller owns.
 */
final class Api {

  private final KubernetesClient client;
  private final Map<String, Store<GenericKubernetesResource>> caches = new ConcurrentHashMap<>();

  Api(KubernetesClient client) {
    this.client = client;
  }

  /** Lets existence checks use an informer's cache of the kind instead of a call. */
  void cache(KubeKind kind, Store<GenericKubernetesResource> store) {
    caches.put(kind.apiVersion() + "/" + kind.kind(), store);
  }

  /**
   * Whether the object is known to exist. A stale cache is harmless here: an object missing from it is created
   * and answered with a conflict, and a deleted one still in it is recreated on the deletion's event.
   */
  private boolean known(HasMetadata object) {
    return known(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  /** Whether the object is known to exist, from the informer cache; spares building what would not be created. */
  boolean known(KubeKind kind, String namespace, String name) {
    return known(kind.apiVersion(), kind.kind(), namespace, name);
  }

  private boolean known(String apiVersion, String kind, String namespace, String name) {
    Store<GenericKubernetesResource> store = caches.get(apiVersion + "/" + kind);
    return store != null && store.getByKey(namespace + "/" + name) != null;
  }

  KubernetesClient client() {
    return client;
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> in(KubeKind kind, String namespace) {
    return client.genericKubernetesResources(kind.context()).inNamespace(namespace);
  }

  /** The object, or null when it does not exist. */
  GenericKubernetesResource get(KubeKind kind, String namespace, String name) {
    return in(kind, namespace).withName(name).get();
  }

  /** The namespace's objects of this kind, sorted by name. */
  List<GenericKubernetesResource> list(KubeKind kind, String namespace) {
    return sorted(in(kind, namespace).list().getItems());
  }

  /** The namespace's objects carrying the label (an equality selector, which the CRUD mock honours). */
  List<GenericKubernetesResource> list(KubeKind kind, String namespace, String label, String value) {
    return sorted(in(kind, namespace).withLabel(label, value).list().getItems());
  }

  List<GenericKubernetesResource> listAllNamespaces(KubeKind kind) {
    return sorted(client.genericKubernetesResources(kind.context()).inAnyNamespace().list().getItems());
  }

  /** Creates a built-in object; when it already exists, leaves it as it is. */
  void createIfAbsent(HasMetadata object) {
    if (!known(object)) {
      ignoringConflict(() -> client.resource(object).create());
    }
  }

  /** Creates a custom object; when it already exists, leaves it as it is. */
  void createIfAbsent(KubeKind kind, GenericKubernetesResource object) {
    if (known(object)) {
      return;
    }
    ignoringConflict(() -> in(kind, object.getMetadata().getNamespace()).resource(object).create());
  }

  private static void ignoringConflict(Runnable create) {
    try {
      create.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /**
   * Sets one field of the object itself with a JSON patch. Lists go this way: the CRUD mock appends the lists
   * of a JSON merge patch to the stored ones instead of replacing them.
   */
  void set(KubeKind kind, String namespace, String name, String path, Object value) {
    Map<String, Object> op = value == null ? Map.of("op", "remove", "path", path)
        : Map.of("op", "add", "path", path, "value", value);
    in(kind, namespace).withName(name).patch(PatchContext.of(PatchType.JSON), Fields.json(List.of(op)));
  }

  /** A JSON merge patch of the object itself (not its status), for maps and scalars only (see {@link #set}). */
  void mergePatch(KubeKind kind, String namespace, String name, Map<String, Object> patch) {
    in(kind, namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), Fields.json(patch));
  }

  /** Replaces the whole status when it differs from the current one; returns whether it wrote. */
  boolean writeStatus(KubeKind kind, GenericKubernetesResource current, Map<String, Object> status) {
    if (Fields.sameJson(current.getAdditionalProperties().get("status"), status)) {
      return false;
    }
    String patch = Fields.json(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    in(kind, current.getMetadata().getNamespace()).withName(current.getMetadata().getName())
        .subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
    return true;
  }

  /** Replaces the whole spec of an object this simulator owns. */
  void replaceSpec(KubeKind kind, String namespace, String name, Map<String, Object> spec) {
    String patch = Fields.json(List.of(Map.of("op", "add", "path", "/spec", "value", spec)));
    in(kind, namespace).withName(name).patch(PatchContext.of(PatchType.JSON), patch);
  }

  void delete(KubeKind kind, String namespace, String name) {
    in(kind, namespace).withName(name).delete();
  }

  void addFinalizer(KubeKind kind, GenericKubernetesResource object, String finalizer) {
    List<String> finalizers = new ArrayList<>(object.getMetadata().getFinalizers());
    if (!finalizers.contains(finalizer)) {
      finalizers.add(finalizer);
      set(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), "/metadata/finalizers",
          finalizers);
    }
  }

  void removeFinalizer(KubeKind kind, GenericKubernetesResource object, String finalizer) {
    List<String> finalizers = new ArrayList<>(object.getMetadata().getFinalizers());
    if (finalizers.remove(finalizer)) {
      set(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), "/metadata/finalizers",
          finalizers.isEmpty() ? null : finalizers);
    }
  }

  /** Adds an owner reference unless the object already has it. */
  void addOwner(KubeKind kind, GenericKubernetesResource object, OwnerReference owner) {
    List<OwnerReference> refs = Owners.adding(object, owner);
    if (refs != null) {
      set(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), "/metadata/ownerReferences",
          refs);
    }
  }

  /** Sets labels the object lacks or carries with another value. */
  void ensureLabels(KubeKind kind, GenericKubernetesResource object, Map<String, String> labels) {
    Map<String, String> current = object.getMetadata().getLabels();
    boolean missing = labels.entrySet().stream()
        .anyMatch(e -> current == null || !e.getValue().equals(current.get(e.getKey())));
    if (missing) {
      mergePatch(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(),
          Map.of("metadata", Map.of("labels", labels)));
    }
  }

  static boolean deleting(HasMetadata object) {
    return object.getMetadata().getDeletionTimestamp() != null;
  }

  static String uid(HasMetadata object) {
    return object.getMetadata().getUid();
  }

  private static List<GenericKubernetesResource> sorted(List<GenericKubernetesResource> items) {
    List<GenericKubernetesResource> copy = new ArrayList<>(items);
    copy.sort(Comparator.comparing(r -> r.getMetadata().getName()));
    return copy;
  }
}
