package dev.tenantplatform.events;

import java.util.Locale;

/**
 * Why a record went to {@code tenant.requests.dlq}, as a closed set: the value of the
 * {@link Topics#DLQ_REASON_CODE} header and of the {@code reason} label of {@code tenantplatform_dlq_total}
 * (bounded, unlike the free-text reason).
 */
public enum DeadLetterReason {
  /** Over {@link Topics#MAX_REQUEST_BYTES}; not even parsed. */
  TOO_LARGE,
  /** Not JSON at all. */
  NOT_JSON,
  /** JSON, but not a CloudEvent 1.0 in structured mode. */
  NOT_A_CLOUDEVENT,
  /** A CloudEvent of a type that does not belong on the topic. */
  WRONG_TYPE,
  /** A CloudEvent of the right type whose data cannot be read (wrong field types, unknown action or field). */
  BAD_DATA,
  /** A readable request that breaks the rules ({@link RequestValidator}). */
  INVALID;

  /** The label value, {@code not_json}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
