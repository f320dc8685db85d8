package dev.tenantplatform.events;

import java.util.List;
import java.util.Map;

/** Placeholder until the contract lands. */
public final class Topics {
  public static final Topic<byte[]> REQUESTS = new Topic<>("tenant.requests", byte[].class, Map.of("retention.ms", "-1"));
  public static final Topic<byte[]> EVENTS = new Topic<>("tenant.events", byte[].class, Map.of("retention.ms", "-1"));
  public static final Topic<byte[]> DLQ = new Topic<>("tenant.requests.dlq", byte[].class, Map.of("retention.ms", "-1"));
  public static final List<Topic<?>> ALL = List.of(REQUESTS, EVENTS, DLQ);

  private Topics() {
  }
}
