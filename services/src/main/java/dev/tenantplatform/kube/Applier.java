package dev.tenantplatform.kube;

import dev.tenantplatform.kube.Outcome.Change;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one object at a time and reports what that did: the platform's single way to create, update and
 * delete Kubernetes objects, for typed core objects (Namespace, ConfigMap…) and for the generic CAPI and
 * k0smotron kinds of {@link Kinds} alike.
 *
 * <p>An apply is a server-side apply with field manager {@value Labels#FIELD_MANAGER}, forcing conflicts:
 * the platform owns the fields it sets and nothing else, and the controllers keep {@code status}, which is
 * never sent. Where the API server has no server-side apply (it answers 415, or 404 for an object a create
 * then stores: fabric8's CRUD mock does both), the applier falls back to read, then create when absent or,
 * when present, a JSON merge patch only if a field it sets differs; it remembers that for the rest of its
 * life, so the fallback costs no failed call after the first. Without field ownership the fallback cannot
 * remove a field the desired object stopped setting; server-side apply does.
 *
 * <p>A server-side apply is one call, with no read before it. Its answer tells what it did: an object
 * created by it is as old as the call (its {@code creationTimestamp}, to the second, is not before the
 * call was sent). For an object it applied before, the applier remembers the resource version of the answer
 * and what it asked for then: a real API server keeps the resource version of an object an apply did not
 * change, and when only others moved it (a controller's status) while the platform asks for the same as
 * last time, the apply is UNCHANGED too — also, without field ownership, when it put back a field someone
 * else had changed. An object it has not seen and did not create (the first apply after a restart) is
 * reported PATCHED: written, perhaps with nothing new. The fallback reads before it writes, and tells all
 * three from that read.
 *
 * <p>Every call runs on a worker thread ({@code executeBlocking}), never on an event loop. Transient errors
 * are tried again as the {@link RetryPolicy} says (see there how it combines with fabric8's own retries);
 * a permanent one fails the future at once with an {@link ApplyException} quoting the API server.
 */
public final class Applier {

  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  private static final int UNSUPPORTED_MEDIA_TYPE = 415;
  private static final int NOT_FOUND = 404;
  /** Objects whose last apply is remembered: the last two thousand tenants' or so, about 5 MB at most. */
  private static final int REMEMBERED = 20_000;

  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final Backoff backoff;
  private final AtomicBoolean serverSideApply = new AtomicBoolean(true);
  private final AppliedObjects applied = new AppliedObjects(REMEMBERED);

  public Applier(Vertx vertx, KubernetesClient client, RetryPolicy retries) {
    this.workers = KubernetesWorkers.open(Objects.requireNonNull(vertx, "vertx"));
    this.client = Objects.requireNonNull(client, "client");
    this.backoff = new Backoff(vertx, Objects.requireNonNull(retries, "retries"));
  }

  /**
   * Makes the object on the server say what {@code desired} says: CREATED, PATCHED or UNCHANGED. The object is
   * the applier's from then on, and may be sent as it is: the caller does not change it any more.
   */
  public Future<Outcome> apply(HasMetadata desired) {
    ObjectRef ref;
    try {
      ref = checked(desired);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    DesiredObject owned = DesiredObject.of(desired, client.getKubernetesSerialization());
    return run("apply", ref, () -> applyOnce(owned, desired.getClass(), ref));
  }

  /**
   * Applies {@code desired} in order, each object once the one before it is written, as {@link #apply} would
   * one by one, and answers with the outcomes in the same order. The objects go one after the other in one
   * worker task: a thread handoff per object would cost more than the call itself on a busy machine. A
   * transient error retries from the object it hit, which gets the policy's tries of its own; an object
   * that fails for good fails the whole, with the objects before it written. The objects are the applier's
   * from then on, as with {@link #apply}.
   */
  public Future<List<Outcome>> applyAll(List<? extends HasMetadata> desired) {
    List<Desired> objects = new ArrayList<>();
    try {
      for (HasMetadata object : desired) {
        objects.add(new Desired(checked(object), DesiredObject.of(object, client.getKubernetesSerialization()),
            object.getClass()));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return applyFrom(objects, new ArrayList<>());
  }

  /** One object to apply: where it goes, the part the platform owns, the class it comes back as. */
  private record Desired(ObjectRef ref, DesiredObject owned, Class<? extends HasMetadata> type) {
  }

  /** {@code done} holds the outcomes so far; only one task at a time touches it. */
  private Future<List<Outcome>> applyFrom(List<Desired> objects, List<Outcome> done) {
    if (done.size() == objects.size()) {
      return Future.succeededFuture(List.copyOf(done));
    }
    return backoff.run(() -> "apply " + objects.get(Math.min(done.size(), objects.size() - 1)).ref(),
            () -> workers.executeBlocking(() -> applyWhileWritten(objects, done), false),
            (error, attempts) -> new ApplyException("apply", objects.get(done.size()).ref(), error, attempts))
        .compose(progress -> applyFrom(objects, done));
  }

  /**
   * Applies from the first object not done on, until one fails: that error is thrown when it is the first
   * object of this try (the backoff then counts a try), and otherwise left for a try of its own.
   */
  private Integer applyWhileWritten(List<Desired> objects, List<Outcome> done) {
    int first = done.size();
    for (int i = first; i < objects.size(); i++) {
      Desired object = objects.get(i);
      try {
        Outcome outcome = applyOnce(object.owned(), object.type(), object.ref());
        LOG.debug("{}", outcome);
        done.add(outcome);
      } catch (RuntimeException e) {
        if (i == first) {
          throw e;
        }
        break;
      }
    }
    return done.size() - first;
  }

  /** Deletes an object of a custom kind: DELETED, or ABSENT when there was none. */
  public Future<Outcome> delete(KubeKind kind, String namespace, String name) {
    ObjectRef ref = new ObjectRef(kind.apiVersion(), kind.kind(), namespace, name);
    try {
      checkScope(ref, kind.namespaced());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return run("delete", ref, () -> deleted(ref,
        scoped(client.genericKubernetesResources(kind.context()), namespace).withName(name).delete()));
  }

  /** Deletes a typed object ({@code Namespace.class}, {@code ConfigMap.class}…): DELETED or ABSENT. */
  public <T extends HasMetadata> Future<Outcome> delete(Class<T> type, String namespace, String name) {
    ObjectRef ref = new ObjectRef(HasMetadata.getApiVersion(type), HasMetadata.getKind(type), namespace, name);
    try {
      checkScope(ref, Namespaced.class.isAssignableFrom(type));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return run("delete", ref, () -> deleted(ref, scoped(client.resources(type), namespace).withName(name).delete()));
  }

  /** Whether this applier still uses server-side apply, i.e. has not found the API server without it. */
  public boolean usesServerSideApply() {
    return serverSideApply.get();
  }

  private Future<Outcome> run(String operation, ObjectRef ref, Callable<Outcome> call) {
    return backoff.run(() -> operation + " " + ref, () -> workers.executeBlocking(call, false),
            (error, attempts) -> new ApplyException(operation, ref, error, attempts))
        .onSuccess(outcome -> LOG.debug("{}", outcome))
        .onFailure(error -> LOG.debug("{} {} failed: {}", operation, ref, error.getMessage()));
  }

  private <T extends HasMetadata> Outcome applyOnce(DesiredObject owned, Class<T> type, ObjectRef ref) {
    T body = owned.as(type);
    Resource<T> resource = resource(body);
    boolean createWouldProveNoApply = false;
    if (serverSideApply.get()) {
      Instant sent = Instant.now();
      try {
        T answer = resource.fieldManager(Labels.FIELD_MANAGER).forceConflicts().serverSideApply();
        return new Outcome(applied.judge(ref, owned, answer, sent), ref, answer);
      } catch (KubernetesClientException e) {
        if (e.getCode() == UNSUPPORTED_MEDIA_TYPE) {
          noServerSideApply(ref, e);
        } else if (e.getCode() == NOT_FOUND) {
          // a real server answers 404 to an apply when the namespace or the kind is missing: a create
          // will fail the same way; only if it succeeds did the 404 mean "no server-side apply"
          createWouldProveNoApply = true;
        } else {
          throw e;
        }
      }
    }
    T live = resource.get();
    if (live == null) {
      T created = resource.create();
      if (createWouldProveNoApply) {
        noServerSideApply(ref, null);
      }
      return new Outcome(Change.CREATED, ref, created);
    }
    if (owned.isSatisfiedBy(live)) {
      return new Outcome(Change.UNCHANGED, ref, live);
    }
    T patched = resource.patch(PatchContext.of(PatchType.JSON_MERGE), owned.asMergePatch());
    return new Outcome(Change.PATCHED, ref, patched);
  }

  private void noServerSideApply(ObjectRef ref, KubernetesClientException answer) {
    if (serverSideApply.getAndSet(false)) {
      LOG.info("the API server at {} has no server-side apply ({} for {}); writing with create and merge patch",
          client.getMasterUrl(), answer == null ? "404, then a create succeeded" : answer.getCode(), ref);
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> Resource<T> resource(T body) {
    if (body instanceof GenericKubernetesResource generic) {
      var known = Kinds.find(generic.getApiVersion(), generic.getKind());
      if (known.isPresent()) {
        // a known context needs no discovery, which servers without it (the CRUD mock) cannot answer
        return (Resource<T>) scoped(client.genericKubernetesResources(known.get().context()),
            generic.getMetadata().getNamespace()).resource(generic);
      }
    }
    return client.resource(body);
  }

  private static <T, L, R extends Resource<T>> NonNamespaceOperation<T, L, R> scoped(
      MixedOperation<T, L, R> operation, String namespace) {
    return namespace == null ? operation : operation.inNamespace(namespace);
  }

  private static Outcome deleted(ObjectRef ref, List<StatusDetails> details) {
    return new Outcome(details.isEmpty() ? Change.ABSENT : Change.DELETED, ref, null);
  }

  private static ObjectRef checked(HasMetadata desired) {
    if (desired == null) {
      throw new IllegalArgumentException("nothing to apply: the desired object is null");
    }
    ObjectRef ref = ObjectRef.of(desired);
    if (blank(ref.apiVersion()) || blank(ref.kind())) {
      throw new IllegalArgumentException("cannot apply " + ref + ": apiVersion and kind must be set");
    }
    if (blank(ref.name())) {
      throw new IllegalArgumentException("cannot apply a " + ref.kind() + " without metadata.name");
    }
    boolean namespaced = desired instanceof GenericKubernetesResource
        ? Kinds.find(ref.apiVersion(), ref.kind()).map(KubeKind::namespaced).orElse(false)
        : desired instanceof Namespaced;
    if (namespaced && blank(ref.namespace())) {
      throw new IllegalArgumentException("cannot apply " + ref + ": " + ref.kind()
          + " is namespaced, set metadata.namespace");
    }
    return ref;
  }

  private static void checkScope(ObjectRef ref, boolean namespaced) {
    if (blank(ref.name())) {
      throw new IllegalArgumentException("cannot delete a " + ref.kind() + " without a name");
    }
    if (namespaced && blank(ref.namespace())) {
      throw new IllegalArgumentException("cannot delete " + ref + ": " + ref.kind() + " is namespaced, give a namespace");
    }
    if (!namespaced && ref.namespace() != null) {
      throw new IllegalArgumentException("cannot delete " + ref + ": " + ref.kind() + " is cluster-scoped, give no namespace");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
