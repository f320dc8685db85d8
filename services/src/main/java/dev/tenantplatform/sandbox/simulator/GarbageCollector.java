package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the API server's garbage collector, which the CRUD mock lacks: when an owner is gone, each dependent
 * in its namespace that has no other live owner is deleted (background propagation); a dependent that still
 * has one loses the dead reference. Objects with finalizers then go through their controller's deletion.
 */
final class GarbageCollector {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final Api api;
  private final List<KubeKind> kinds;

  GarbageCollector(Api api, List<KubeKind> kinds) {
    this.api = api;
    this.kinds = kinds;
  }

  void ownerDeleted(HasMetadata owner) {
    String namespace = owner.getMetadata().getNamespace();
    String uid = owner.getMetadata().getUid();
    if (namespace == null || uid == null) {
      return;
    }
    Map<KubeKind, List<GenericKubernetesResource>> objects = new LinkedHashMap<>();
    Set<String> alive = new HashSet<>();
    for (KubeKind kind : kinds) {
      List<GenericKubernetesResource> list = api.list(kind, namespace);
      objects.put(kind, list);
      list.forEach(o -> alive.add(Api.uid(o)));
    }
    objects.forEach((kind, list) -> list.stream()
        .filter(o -> Owners.of(o).stream().anyMatch(r -> uid.equals(r.getUid())))
        .forEach(dependent -> collect(kind, dependent, uid, alive)));
  }

  private void collect(KubeKind kind, GenericKubernetesResource dependent, String deadUid, Set<String> alive) {
    List<OwnerReference> remaining = Owners.of(dependent).stream()
        .filter(r -> !deadUid.equals(r.getUid()) && alive.contains(r.getUid())).toList();
    String namespace = dependent.getMetadata().getNamespace();
    String name = dependent.getMetadata().getName();
    if (remaining.isEmpty()) {
      if (!Api.deleting(dependent)) {
        LOG.debug("garbage collecting {} {}/{}", kind.kind(), namespace, name);
        api.delete(kind, namespace, name);
      }
    } else {
      api.set(kind, namespace, name, "/metadata/ownerReferences", remaining);
    }
  }
}
