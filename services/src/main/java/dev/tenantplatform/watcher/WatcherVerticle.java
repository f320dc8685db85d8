package dev.tenantplatform.watcher;

import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.watcher.state.StateDeriver;
import dev.tenantplatform.watcher.state.TenantObservation;
import dev.tenantplatform.watcher.state.TenantState;
import dev.tenantplatform.watcher.state.Transition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every tenant's observation up to date from the informers, derives its state when it changes (gathering the
 * changes of {@link WatcherConfig#debounce()}) or when the tenant's chain does, and hands the transitions its chain
 * lacks to the ledger. Level triggered: every {@link WatcherConfig#resync()} each tenant is derived again, and a
 * tenant waiting for progress is derived again when it would turn Degraded. All state lives on this verticle's
 * context; informer callbacks hop onto it.
 */
final class WatcherVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WatcherVerticle.class);
  private static final long RETRY_MILLIS = 1_000;

  private final WatcherConfig config;
  private final KubernetesClient client;
  private final TenantLedger ledger;
  private final Predicate<String> owns;
  private final Clock clock;
  private final Map<String, TenantSlot> slots = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private TenantInformers informers;
  private boolean synced;
  private long flushTimer = -1;
  private Runnable stopListening = () -> { };

  WatcherVerticle(WatcherConfig config, KubernetesClient client, TenantLedger ledger, Predicate<String> owns,
      Clock clock) {
    this.config = config;
    this.client = client;
    this.ledger = ledger;
    this.owns = owns;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    informers = new TenantInformers(client, this::observed);
    // The controllers may be done before the chain says cluster.applied: the transitions that wait for it come
    // when the chain changes, not a resync later.
    stopListening = ledger.onAppended(tenant -> context.runOnContext(v -> {
      if (synced && slots.containsKey(tenant)) {
        markDirty(tenant);
      }
    }));
    // Starting an informer makes its first list call on the calling thread: not on the event loop.
    return vertx.executeBlocking(() -> informers.start(vertx, context)).compose(synced -> synced).map(v -> {
      synced = true;
      vertx.setPeriodic(config.resync().toMillis(), id -> resync());
      vertx.setPeriodic(config.tick().toMillis(), id -> wakeStalled());
      LOG.info("watcher synced: {} tenant(s) observed", slots.size());
      resync();
      return null;
    }).recover(failure -> {
      stopListening.run();
      informers.close();
      return Future.failedFuture(new IllegalStateException("the watcher cannot watch the management cluster: "
          + failure.getMessage(), failure));
    });
  }

  @Override
  public Future<?> stop() {
    stopListening.run();
    // Closing a watch waits for the API server's answer: not on the event loop.
    return vertx.executeBlocking(() -> {
      informers.close();
      return null;
    });
  }

  /** The tenant's state as last derived, if the watcher knows the tenant. */
  Future<Optional<TenantState>> state(String tenant) {
    return onContext(() -> Optional.ofNullable(slots.get(tenant)).map(slot -> slot.state));
  }

  /** How many tenants the watcher holds, for the benchmark and the logs. */
  Future<Integer> tenants() {
    return onContext(slots::size);
  }

  /** From any thread. */
  void resyncSoon() {
    context.runOnContext(v -> resync());
  }

  /** From an informer's thread. */
  private void observed(String tenant, UnaryOperator<TenantObservation> change) {
    context.runOnContext(v -> {
      TenantSlot slot = slots.computeIfAbsent(tenant, TenantSlot::new);
      slot.observation = change.apply(slot.observation);
      if (synced) {
        markDirty(tenant);
      }
    });
  }

  private void resync() {
    slots.keySet().forEach(this::markDirty);
  }

  /** Tenants whose wait for progress has run out are derived again, so that they are reported Degraded on time. */
  private void wakeStalled() {
    Instant now = clock.instant();
    slots.forEach((tenant, slot) -> {
      TenantState state = slot.state;
      if (state != null && state.degradesAt() != null && !now.isBefore(state.degradesAt())) {
        markDirty(tenant);
      }
    });
  }

  private void markDirty(String tenant) {
    if (dirty.add(tenant) && flushTimer < 0) {
      flushTimer = vertx.setTimer(config.debounce().toMillis(), id -> flush());
    }
  }

  private void flush() {
    flushTimer = -1;
    List<String> batch = new ArrayList<>(dirty);
    dirty.clear();
    batch.forEach(this::derive);
  }

  private void derive(String tenant) {
    TenantSlot slot = slots.get(tenant);
    if (slot == null) {
      return;
    }
    if (slot.running) {
      slot.again = true;
      return;
    }
    slot.running = true;
    here(ledger.record(tenant)).compose(record -> record.isPresent() && record.get().lifecycle()
            != TenantRecord.Lifecycle.NONE ? emit(slot, record.get()) : unknown(slot))
        .onComplete(done -> {
          slot.running = false;
          if (done.failed()) {
            LOG.warn("tenant {}: state not derived, tried again in {} ms: {}", tenant, RETRY_MILLIS,
                done.cause().getMessage());
            vertx.setTimer(RETRY_MILLIS, id -> markDirty(tenant));
          }
          if (slot.again) {
            slot.again = false;
            markDirty(tenant);
          } else if (slot.finished()) {
            slots.remove(tenant);
          }
        });
  }

  /** Objects of a tenant the chain has not heard of (never accepted, or another platform's): nothing to say. */
  private Future<Void> unknown(TenantSlot slot) {
    slot.state = null;
    return Future.succeededFuture();
  }

  private Future<Void> emit(TenantSlot slot, TenantRecord record) {
    TenantState state = StateDeriver.derive(slot.observation, record, slot.state, clock.instant(), config.state());
    TenantState before = slot.state;
    slot.state = state;
    if (before == null || before.phase() != state.phase()) {
      LOG.debug("tenant {} is {}{}", state.tenant(), state.phase(), state.reason() == null ? ""
          : ": " + state.reason());
    }
    List<Transition> transitions = StateDeriver.transitions(record, state);
    if (transitions.isEmpty() || !owns.test(state.tenant())) {
      return Future.succeededFuture();
    }
    List<TenantLedger.Entry> entries = transitions.stream()
        .map(t -> new TenantLedger.Entry(t.event(), t.onceKey())).toList();
    return here(ledger.append(state.tenant(), entries)).map(written -> {
      for (TenantEvent event : written) {
        LOG.info("{} [tenant={} requestId={} sequence={}]{}", event.type(), event.tenant(), event.requestId(),
            event.sequence(), event.data().has("reason") ? ": " + event.data().path("reason").asText() : "");
      }
      return null;
    });
  }

  /** {@code future}'s outcome on this verticle's context, whichever thread completes it. */
  private <T> Future<T> here(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        promise.handle(result);
      } else {
        context.runOnContext(v -> promise.handle(result));
      }
    });
    return promise.future();
  }

  private <T> Future<T> onContext(Supplier<T> read) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(read.get()));
    return promise.future();
  }
}
