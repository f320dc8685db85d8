package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The data of a {@link KubeconfigRead} record, both ways. */
final class KubeconfigReads {

  private KubeconfigReads() {
  }

  static ObjectNode data(KubeconfigRead read) {
    return JsonNodeFactory.instance.objectNode().put("tenant", read.tenant()).put("readBy", read.readBy())
        .put("scope", read.scope());
  }

  static KubeconfigRead read(ObjectNode envelope, EventAttributes.CodecFailure fail) {
    EventAttributes attributes = EventAttributes.read(envelope, fail);
    ObjectNode data = attributes.data();
    String tenant = text(data, "tenant");
    String readBy = text(data, "readBy");
    String scope = text(data, "scope");
    if (tenant == null || readBy == null || scope == null) {
      throw fail.with(DeadLetterReason.BAD_DATA, "a kubeconfig read needs data.tenant, data.readBy and data.scope,"
          + " each a non-empty string");
    }
    if (attributes.subject() != null && !attributes.subject().equals(tenant)) {
      throw fail.with(DeadLetterReason.BAD_DATA, "the CloudEvent subject '" + attributes.subject() + "' and the"
          + " data's tenant '" + tenant + "' differ: the subject is the tenant");
    }
    try {
      return new KubeconfigRead(attributes.id(), tenant, readBy, scope, attributes.time());
    } catch (IllegalArgumentException e) {
      throw fail.with(DeadLetterReason.BAD_DATA, e.getMessage());
    }
  }

  private static String text(ObjectNode data, String field) {
    JsonNode value = data.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
