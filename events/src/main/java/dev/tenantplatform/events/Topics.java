package dev.tenantplatform.events;

import java.util.List;
import java.util.Map;

/**
 * The platform's Kafka topics. All three keep their records forever: the events are the system of record,
 * the requests tell an auditor who asked for what, and the dead letters tell why a request never acted.
 * {@code cleanup.policy=delete} is spelled out because compaction, keyed by tenant, would erase history.
 */
public final class Topics {

  /** The largest request record the platform reads: 64 KiB. */
  public static final int MAX_REQUEST_BYTES = 64 * 1024;

  private static final Map<String, String> KEEP_FOREVER = Map.of(
      "retention.ms", "-1",
      "retention.bytes", "-1",
      "cleanup.policy", "delete");

  /**
   * Tenant requests: CloudEvents of type {@value EventType#REQUESTED_CE_TYPE}, keyed by tenant; beside them,
   * the API's records of kubeconfig reads ({@value KubeconfigRead#CE_TYPE}), which ask the provisioner nothing.
   */
  public static final Topic<TenantRequest> REQUESTS = new Topic<>("tenant.requests",
      "the tenant name (UTF-8), so that one tenant's requests stay in order on one partition",
      TenantRequest.class,
      "a CloudEvent 1.0 in structured JSON (" + CloudEventCodec.CONTENT_TYPE + ") of type "
          + EventType.REQUESTED_CE_TYPE + ", at most " + MAX_REQUEST_BYTES + " bytes; schema "
          + Schemas.TENANT_REQUEST.resource() + "; or a kubeconfig read of type " + KubeconfigRead.CE_TYPE
          + ", schema " + Schemas.KUBECONFIG_READ.resource(),
      KEEP_FOREVER);

  /** Lifecycle events: CloudEvents of the {@link EventType}s, keyed by tenant, hash-chained per tenant. */
  public static final Topic<TenantEvent> EVENTS = new Topic<>("tenant.events",
      "the tenant name (UTF-8): one tenant's chain stays in order on one partition",
      TenantEvent.class,
      "a CloudEvent 1.0 in structured JSON (" + CloudEventCodec.CONTENT_TYPE + ") of type"
          + " dev.tenantplatform.<name>.v1; schema " + Schemas.TENANT_EVENT.resource(),
      KEEP_FOREVER);

  /** Requests that could not be read or were invalid, as they came, with the reason in headers. */
  public static final Topic<byte[]> DLQ = new Topic<>("tenant.requests.dlq",
      "the key of the original record, unchanged",
      byte[].class,
      "the original record's value, unchanged; headers " + Topics.DLQ_REASON + ", " + Topics.DLQ_REASON_CODE
          + ", " + Topics.DLQ_SOURCE_TOPIC + ", " + Topics.DLQ_SOURCE_PARTITION + ", " + Topics.DLQ_SOURCE_OFFSET
          + " and, when known, " + Topics.DLQ_TENANT + " and " + Topics.DLQ_REQUEST_ID,
      KEEP_FOREVER);

  public static final List<Topic<?>> ALL = List.of(REQUESTS, EVENTS, DLQ);

  /** Dead-letter header: why, in words a person can act on (UTF-8). */
  public static final String DLQ_REASON = "dlq.reason";
  /** Dead-letter header: why, as a {@link DeadLetterReason#label()} (UTF-8). */
  public static final String DLQ_REASON_CODE = "dlq.reason.code";
  /** Dead-letter header: the topic the record came from (UTF-8). */
  public static final String DLQ_SOURCE_TOPIC = "dlq.source.topic";
  /** Dead-letter header: its partition, in decimal (UTF-8). */
  public static final String DLQ_SOURCE_PARTITION = "dlq.source.partition";
  /** Dead-letter header: its offset, in decimal (UTF-8). */
  public static final String DLQ_SOURCE_OFFSET = "dlq.source.offset";
  /** Dead-letter header: the tenant the record names, when it could be read (UTF-8). */
  public static final String DLQ_TENANT = "dlq.tenant";
  /** Dead-letter header: the request id the record carries, when it could be read (UTF-8). */
  public static final String DLQ_REQUEST_ID = "dlq.request.id";

  private Topics() {
  }
}
