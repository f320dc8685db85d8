package dev.tenantplatform.watcher.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The events of one derivation, as they are collected: all at the state's time, under the current request. */
final class Transitions {

  private final Progress progress;
  private final String tenant;
  private final Instant now;
  private final Map<EventType, Instant> reached = new EnumMap<>(EventType.class);
  private final List<Transition> list = new ArrayList<>();

  Transitions(TenantRecord logged, TenantState next) {
    this.progress = logged.progress();
    this.tenant = next.tenant();
    this.now = next.derivedAt();
    reached.putAll(progress.reached());
  }

  /** A milestone: once per life of the tenant. */
  void milestone(EventType type, Supplier<ObjectNode> data) {
    if (!reached.containsKey(type)) {
      once(type, data.get());
    }
  }

  /** Once per request, under the key {@code TenantLedger.Entry.once} gives it. */
  void once(EventType type, ObjectNode data) {
    add(type, data, progress.requestId() + "/" + type.eventName());
  }

  /** Once per request and {@code discriminator}: for what may happen several times in one request. */
  void keyed(EventType type, String discriminator, ObjectNode data) {
    add(type, data, progress.requestId() + "/" + type.eventName() + "/" + discriminator);
  }

  /** The durations of the first {@code tenant.ready}, from the create to each stage (now, if reached now). */
  ObjectNode readyDurations() {
    Instant start = progress.createdAt() != null ? progress.createdAt() : now;
    return EventData.ready(since(start, EventType.CLUSTER_CONTROLPLANE_READY),
        since(start, EventType.CLUSTER_PROVISIONED), nonNegative(Duration.between(start, now)));
  }

  List<Transition> list() {
    return List.copyOf(list);
  }

  private Duration since(Instant start, EventType stage) {
    return nonNegative(Duration.between(start, reached.getOrDefault(stage, now)));
  }

  /** Instances' clocks differ a little; a stage is never reached before the request. */
  static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private void add(EventType type, ObjectNode data, String key) {
    reached.putIfAbsent(type, now);
    list.add(new Transition(TenantEvent.unsealed(type, tenant, progress.requestId(), now, data), key));
  }
}
