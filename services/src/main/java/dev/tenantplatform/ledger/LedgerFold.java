package dev.tenantplatform.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantLedger.Entry;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import dev.tenantplatform.support.TenantRecord.Progress;
import java.util.List;
import java.util.Objects;

/**
 * What a tenant's chain says about it: a pure fold of its sealed events, in sequence order, into a
 * {@link TenantRecord}.
 *
 * <ul>
 *   <li>{@code tenant.accepted} of a create: LIVE, with the resolved spec the event carries;</li>
 *   <li>{@code tenant.accepted} of an update: the spec is replaced, the lifecycle stays;</li>
 *   <li>{@code tenant.deleting}: DELETING; {@code tenant.deleted}: DELETED;</li>
 *   <li>every other event moves the head only;</li>
 *   <li>every event moves the record's progress ({@link ProgressFold}).</li>
 * </ul>
 *
 * <p>An event that does not extend the head (a duplicate, or a late copy in a broken log) changes nothing:
 * the head never moves back, so the ledger never seals a sequence the log already holds.
 */
public final class LedgerFold {

  // Consumers ignore data keys they do not know (events/README.md), the spec's included.
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private LedgerFold() {
  }

  /** A tenant the log has not heard of. */
  public static TenantRecord empty(String tenant) {
    return new TenantRecord(tenant, ChainHead.genesis(tenant), null, Lifecycle.NONE);
  }

  /** The record after every event of {@code events}, from the start of the chain. */
  public static TenantRecord fold(String tenant, Iterable<TenantEvent> events) {
    TenantRecord record = empty(tenant);
    for (TenantEvent event : events) {
      record = apply(record, event);
    }
    return record;
  }

  /** {@code record} after {@code event}, a sealed event of the same tenant. */
  public static TenantRecord apply(TenantRecord record, TenantEvent event) {
    if (!event.isSealed()) {
      throw new IllegalArgumentException("the " + event.type() + " event of " + event.tenant()
          + " is not sealed: only events of the chain can be folded");
    }
    if (!record.tenant().equals(event.tenant())) {
      throw new IllegalArgumentException("an event of " + event.tenant() + " cannot change the record of "
          + record.tenant() + ": every tenant has its own chain");
    }
    if (event.sequence() <= record.head().sequence()) {
      return record;
    }
    ChainHead head = ChainHead.of(event);
    ClusterSpec spec = record.spec();
    Lifecycle lifecycle = record.lifecycle();
    Progress progress = record.progress();
    if (event.type() == EventType.TENANT_ACCEPTED) {
      JsonNode data = event.data();
      Action action = Action.of(data.path("action").asText()).orElse(null);
      ClusterSpec before = spec;
      if (action == Action.CREATE || action == Action.UPDATE) {
        // check() keeps unreadable specs out of the chain; one found in the log anyway leaves the spec as it was.
        ClusterSpec accepted = spec(data.get("cluster"));
        spec = accepted != null ? accepted : spec;
      }
      if (action == Action.CREATE) {
        lifecycle = Lifecycle.LIVE;
      }
      progress = ProgressFold.accepted(progress, event, action, before, spec);
    } else {
      if (event.type() == EventType.TENANT_DELETING) {
        lifecycle = Lifecycle.DELETING;
      } else if (event.type() == EventType.TENANT_DELETED) {
        lifecycle = Lifecycle.DELETED;
      }
      progress = ProgressFold.other(progress, event);
    }
    return new TenantRecord(record.tenant(), head, spec, lifecycle, progress);
  }

  /**
   * Refuses an event the fold could not read: an accepted create or update must carry the resolved spec, or
   * the record would not know what was accepted. Checked before an event enters the chain, since the fold
   * of a chain already written must go on whatever it finds.
   */
  public static void check(TenantEvent event) {
    if (event.type() != EventType.TENANT_ACCEPTED) {
      return;
    }
    JsonNode data = event.data();
    Action action = Action.of(data.path("action").asText()).orElse(null);
    if ((action == Action.CREATE || action == Action.UPDATE) && spec(data.get("cluster")) == null) {
      throw new IllegalArgumentException("the tenant.accepted event of " + event.tenant() + " (request "
          + event.requestId() + ") accepts a" + (action == Action.CREATE ? " create" : "n update") + " but"
          + " carries no readable cluster spec: build its data with EventData.accepted(request, resolvedSpec)");
    }
  }

  /** The spec in {@code cluster}, or null when there is none that can be read. */
  private static ClusterSpec spec(JsonNode cluster) {
    if (cluster == null || !cluster.isObject()) {
      return null;
    }
    try {
      return JSON.treeToValue(cluster, ClusterSpec.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Fails, saying why, unless {@code entries} can be appended to the chain of {@code tenant}. */
  static void checkAppend(String tenant, List<Entry> entries) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(entries, "entries");
    for (Entry entry : entries) {
      if (entry == null || entry.unsealed() == null) {
        throw new IllegalArgumentException("an append to " + tenant + " holds an empty entry: give each entry"
            + " an event built with TenantEvent.unsealed");
      }
      TenantEvent event = entry.unsealed();
      if (!event.tenant().equals(tenant)) {
        throw new IllegalArgumentException("a " + event.type() + " event of " + event.tenant() + " cannot be"
            + " appended to the chain of " + tenant + ": append it to its own tenant");
      }
      if (event.isSealed()) {
        throw new IllegalArgumentException("the " + event.type() + " event of " + tenant + " is sealed already"
            + " (sequence " + event.sequence() + "): the ledger seals events, hand it TenantEvent.unsealed");
      }
      check(event);
    }
  }
}
