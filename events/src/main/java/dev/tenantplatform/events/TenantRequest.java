package dev.tenantplatform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A request to create, change or remove a tenant's cluster: the {@code data} of a
 * {@code dev.tenantplatform.tenant.requested.v1} CloudEvent on {@code tenant.requests}, keyed by tenant.
 *
 * <p>Rules ({@link RequestValidator}): {@code requestId} is 1 to 128 visible ASCII characters, a UUID by
 * default (a producer may use an id of its own, such as an order number); {@code tenant} is a DNS-1123 label of
 * at most 40 characters; {@code requestedBy} is not blank. On the wire, see {@link CloudEventCodec}.
 *
 * @param requestId makes the request idempotent: the same id delivered twice acts once
 * @param requestedBy who asked (a person, a token's subject, a system)
 * @param cluster the desired cluster; fields left out keep their default (create) or current value (update);
 *     ignored for delete
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantRequest(String requestId, Action action, String tenant, String requestedBy,
    ClusterSpec cluster) {

  public TenantRequest {
    if (cluster == null) {
      cluster = ClusterSpec.UNCHANGED;
    }
  }

  public static TenantRequest create(String tenant, String requestedBy, ClusterSpec cluster) {
    return new TenantRequest(UUID.randomUUID().toString(), Action.CREATE, tenant, requestedBy, cluster);
  }

  public static TenantRequest update(String tenant, String requestedBy, ClusterSpec change) {
    return new TenantRequest(UUID.randomUUID().toString(), Action.UPDATE, tenant, requestedBy, change);
  }

  public static TenantRequest delete(String tenant, String requestedBy) {
    return new TenantRequest(UUID.randomUUID().toString(), Action.DELETE, tenant, requestedBy, null);
  }
}
