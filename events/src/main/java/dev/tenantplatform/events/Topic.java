package dev.tenantplatform.events;

import java.util.Map;

/** Placeholder until the contract lands. */
public record Topic<V>(String name, Class<V> valueType, Map<String, String> config) {
}
