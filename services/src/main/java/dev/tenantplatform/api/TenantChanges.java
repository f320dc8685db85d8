package dev.tenantplatform.api;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changing routes: create, update, delete. Each turns the call into a {@link TenantRequest} that asks in
 * the caller's name, checks it as the provisioner would (so a mistake is answered now, not found later in the
 * DLQ), writes it to {@code tenant.requests} and answers 202 once Kafka has acknowledged it.
 */
final class TenantChanges {

  private static final Logger LOG = LoggerFactory.getLogger(TenantChanges.class);
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final TenantView view;
  private final Contract contract;
  private final RequestValidator validator;
  private final RequestLog requests;

  TenantChanges(TenantView view, Contract contract, RequestValidator validator, RequestLog requests) {
    this.view = view;
    this.contract = contract;
    this.validator = validator;
    this.requests = requests;
  }

  Future<Void> create(RoutingContext ctx) {
    return adminOnly(ctx, "onboarding a tenant")
        .compose(v -> contract.check(ctx, "createTenant"))
        .compose(v -> {
          JsonObject body = ctx.body().asJsonObject();
          String tenant = body.getString("tenant");
          Optional<TenantSnapshot> current = view.snapshot(tenant).filter(TenantSnapshot::exists);
          if (current.isPresent() && current.get().state() != TenantPhase.DELETED) {
            return Responses.fail(Problem.of(409, "tenant-exists", "The tenant exists", "tenant '" + tenant
                + "' exists already (state " + current.get().state().label() + "): change it with PATCH"
                + " /tenants/" + tenant + ", or pick another name"));
          }
          ClusterSpec cluster = TenantJson.cluster(body.getJsonObject("cluster"));
          return send(ctx, new TenantRequest(requestId(ctx), Action.CREATE, tenant, subject(ctx), cluster), null);
        });
  }

  Future<Void> update(RoutingContext ctx) {
    return changeable(ctx, "changing a tenant")
        .compose(current -> contract.check(ctx, "updateTenant").map(current))
        .compose(current -> {
          ClusterSpec change = TenantJson.cluster(ctx.body().asJsonObject().getJsonObject("cluster"));
          return send(ctx, new TenantRequest(requestId(ctx), Action.UPDATE, current.tenant(), subject(ctx),
              change), current.cluster());
        });
  }

  Future<Void> delete(RoutingContext ctx) {
    return changeable(ctx, "offboarding a tenant")
        .compose(current -> contract.check(ctx, "deleteTenant").map(current))
        .compose(current -> send(ctx, new TenantRequest(requestId(ctx), Action.DELETE, current.tenant(),
            subject(ctx), null), null));
  }

  /** The tenant of the path, when the caller is an admin and the tenant can still change. */
  private Future<TenantSnapshot> changeable(RoutingContext ctx, String what) {
    String tenant = ctx.pathParam("tenant");
    Caller caller = Responses.caller(ctx);
    Optional<TenantSnapshot> current = caller.sees(tenant)
        ? view.snapshot(tenant).filter(TenantSnapshot::exists) : Optional.empty();
    if (current.isEmpty()) {
      return Responses.fail(Problem.noSuchTenant(tenant));
    }
    return adminOnly(ctx, what).compose(v -> {
      if (current.get().state() == TenantPhase.DELETED) {
        return Responses.fail(Problem.of(409, "tenant-deleted", "The tenant is deleted", "tenant '" + tenant
            + "' was deleted: create it again with POST /tenants"));
      }
      return Future.succeededFuture(current.get());
    });
  }

  private Future<Void> adminOnly(RoutingContext ctx, String what) {
    if (Responses.caller(ctx) instanceof Caller.Admin) {
      return Future.succeededFuture();
    }
    return Responses.fail(Problem.of(403, "admin-only", "Admin scope needed", what + " needs a token with the"
        + " admin scope: a tenant token may read its tenant, its events and its kubeconfig"));
  }

  private Future<Void> send(RoutingContext ctx, TenantRequest request, ClusterSpec current) {
    List<Violation> violations = validator.validate(request, current);
    if (!violations.isEmpty()) {
      return Responses.fail(Problem.invalidRequest(violations));
    }
    return requests.append(request)
        .recover(e -> {
          LOG.warn("request not written [tenant={} requestId={}]: {}", request.tenant(), request.requestId(),
              e.toString());
          return Responses.fail(Problem.of(503, "kafka-unavailable", "The request was not recorded", "Kafka did"
              + " not acknowledge the request (" + e.getMessage() + "): retry with the same " + IDEMPOTENCY_KEY
              + " header (" + request.requestId() + ") so that it acts once"));
        })
        .compose(written -> {
          LOG.info("request written [tenant={} requestId={} action={} by={}] at {}-{}@{}", request.tenant(),
              request.requestId(), request.action().wire(), request.requestedBy(), written.getTopic(),
              written.getPartition(), written.getOffset());
          String location = Responses.base(ctx) + "/tenants/" + request.tenant();
          ctx.response().putHeader("Location", location);
          return Responses.json(ctx, 202, new JsonObject().put("requestId", request.requestId())
              .put("tenant", request.tenant()).put("action", request.action().wire())
              .put("status", location).put("events", location + "/events"));
        });
  }

  private static String requestId(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    return key != null ? key : UUID.randomUUID().toString();
  }

  private static String subject(RoutingContext ctx) {
    return Responses.caller(ctx).subject();
  }
}
