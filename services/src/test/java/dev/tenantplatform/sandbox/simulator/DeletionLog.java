package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Watches a namespace's CAPI and k0smotron objects the way a watcher would, recording deletions and phases in order. */
final class DeletionLog implements AutoCloseable {

  private final List<String> deletions = Collections.synchronizedList(new ArrayList<>());
  private final List<String> phases = Collections.synchronizedList(new ArrayList<>());
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

  static DeletionLog watch(KubernetesClient client, String namespace) {
    DeletionLog log = new DeletionLog();
    for (KubeKind kind : List.of(Kinds.CLUSTER, Kinds.MACHINE, Kinds.K0SMOTRON_CONTROL_PLANE, Kinds.DOCKER_CLUSTER)) {
      log.informers.add(client.genericKubernetesResources(kind.context()).inNamespace(namespace)
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource object) {
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource object) {
              if (kind.equals(Kinds.CLUSTER)) {
                log.phases.add(String.valueOf(object.<String>get("status", "phase")));
              }
            }

            @Override
            public void onDelete(GenericKubernetesResource object, boolean unknown) {
              log.deletions.add(object.getKind());
            }
          }));
    }
    return log;
  }

  int firstDeletion(String kind) {
    int index = deletions.indexOf(kind);
    if (index < 0) {
      throw new AssertionError(kind + " was never deleted; deletions seen: " + deletions);
    }
    return index;
  }

  int lastDeletion(String kind) {
    firstDeletion(kind);
    return deletions.lastIndexOf(kind);
  }

  List<String> phases() {
    return List.copyOf(phases);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
