package dev.tenantplatform.api;

import dev.tenantplatform.events.KubeconfigRead;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.metrics.model.SavingsModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading routes: tenants, one tenant, its events, its kubeconfig. A tenant the caller may not see is
 * answered exactly as a tenant that does not exist, so a tenant token learns nothing of other tenants.
 */
final class TenantReads {

  private static final Logger LOG = LoggerFactory.getLogger(TenantReads.class);
  static final String KUBECONFIG_READS = "tenantplatform_api_kubeconfig_reads_total";

  private final TenantView view;
  private final Contract contract;
  private final Kubeconfigs kubeconfigs;
  private final RequestLog requests;
  private final MeterRegistry registry;
  private final SavingsModel savings;

  TenantReads(TenantView view, Contract contract, Kubeconfigs kubeconfigs, RequestLog requests,
      MeterRegistry registry, SavingsModel savings) {
    this.requests = requests;
    this.view = view;
    this.contract = contract;
    this.kubeconfigs = kubeconfigs;
    this.registry = registry;
    this.savings = savings;
  }

  Future<Void> list(RoutingContext ctx) {
    return contract.check(ctx, "listTenants").compose(v -> {
      Caller caller = Responses.caller(ctx);
      String stateText = ctx.queryParams().get("state");
      TenantPhase state = stateText == null ? null : TenantPhase.byLabel(stateText);
      int limit = intParam(ctx, "limit", 100);
      Predicate<TenantSnapshot> keep = s -> caller.sees(s.tenant()) && (state == null || s.state() == state);
      List<TenantSnapshot> page = caller instanceof Caller.TenantMember member
          ? view.snapshot(member.tenant()).filter(TenantSnapshot::exists).filter(keep).stream().toList()
          : view.list(ctx.queryParams().get("after"), limit, keep);
      JsonArray items = new JsonArray();
      page.forEach(s -> items.add(TenantJson.tenant(s)));
      String next = page.size() == limit ? Responses.base(ctx) + "/tenants?limit=" + limit + "&after="
          + page.get(page.size() - 1).tenant() + (stateText == null ? "" : "&state=" + state.label()) : null;
      return Responses.json(ctx, 200, new JsonObject().put("items", items).put("next", next));
    });
  }

  Future<Void> get(RoutingContext ctx) {
    return contract.check(ctx, "getTenant")
        .compose(v -> existing(ctx))
        .compose(s -> Responses.json(ctx, 200, TenantJson.tenant(s)));
  }

  Future<Void> events(RoutingContext ctx) {
    return contract.check(ctx, "tenantEvents").compose(v -> {
      String tenant = ctx.pathParam("tenant");
      if (!Responses.caller(ctx).sees(tenant) || view.snapshot(tenant).isEmpty()) {
        return Responses.fail(Problem.noSuchTenant(tenant));
      }
      long after = Long.parseLong(Optional.ofNullable(ctx.queryParams().get("after")).orElse("0"));
      int limit = intParam(ctx, "limit", 100);
      TenantView.EventPage page = view.events(tenant, after, limit);
      JsonArray items = new JsonArray();
      page.events().forEach(e -> items.add(TenantJson.event(e)));
      String next = page.more() ? Responses.base(ctx) + "/tenants/" + tenant + "/events?limit=" + limit
          + "&after=" + page.events().get(page.events().size() - 1).sequence() : null;
      return Responses.json(ctx, 200, new JsonObject().put("items", items).put("firstKept", page.firstKept())
          .put("next", next));
    });
  }

  Future<Void> kubeconfig(RoutingContext ctx) {
    Caller caller = Responses.caller(ctx);
    return contract.check(ctx, "tenantKubeconfig")
        .compose(v -> existing(ctx))
        .compose(s -> {
          if (s.state() == TenantPhase.DELETED) {
            return Responses.fail(Problem.noSuchTenant(s.tenant()));
          }
          return kubeconfigs.read(s.tenant()).compose(found -> {
            if (found.isEmpty()) {
              return Responses.fail(Problem.of(409, "kubeconfig-not-ready", "No kubeconfig yet", "tenant '"
                  + s.tenant() + "' has no kubeconfig yet (state " + s.state().label() + "): k0smotron writes it"
                  + " once a control-plane pod is ready; retry when the tenant is ControlPlaneReady or Ready"));
            }
            // The read is the audit trail's business: who, when, which tenant; never the content. It is on the
            // log before the kubeconfig leaves, so that no read goes unrecorded.
            KubeconfigRead read = new KubeconfigRead(UUID.randomUUID().toString(), s.tenant(), caller.subject(),
                caller.scope(), Instant.now());
            return requests.record(read).recover(e -> Responses.fail(Problem.of(503, "log-unavailable",
                    "Cannot record the read", "the kubeconfig is handed out only once its read is recorded on "
                    + Topics.REQUESTS.name() + ", and Kafka did not acknowledge it: retry")))
                .compose(written -> {
                  LOG.info("kubeconfig read [tenant={} subject={} scope={}]", s.tenant(), caller.subject(),
                      caller.scope());
                  registry.counter(KUBECONFIG_READS, "scope", caller.scope()).increment();
                  if (ctx.response().headWritten() || ctx.response().closed()) {
                    return Future.succeededFuture();
                  }
                  return ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                      .end(found.get());
                });
          });
        });
  }

  /** The seed's Action 7 comparison, per tenant and in total, from the log (admin only: it covers every tenant). */
  Future<Void> savings(RoutingContext ctx) {
    if (Responses.caller(ctx) instanceof Caller.TenantMember) {
      return Responses.fail(Problem.of(403, "admin-only", "Admin scope needed", "the savings report covers"
          + " every tenant: it needs a token with the admin scope"));
    }
    return contract.check(ctx, "savings").compose(v -> {
      String profile = ctx.queryParams().get("profile");
      SavingsModel model = savings;
      if (profile != null) {
        try {
          model = new SavingsModel(savings.config().withProfile(profile));
        } catch (IllegalArgumentException e) {
          return Responses.fail(Problem.of(400, "no-such-profile", "No such baseline profile", e.getMessage()));
        }
      }
      return Responses.json(ctx, 200, SavingsJson.report(view.savings().report(model)));
    });
  }

  /** The tenant of the path, when it exists and the caller may see it; else the not-found problem. */
  private Future<TenantSnapshot> existing(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    Caller caller = Responses.caller(ctx);
    Optional<TenantSnapshot> found = caller.sees(tenant) ? view.snapshot(tenant) : Optional.empty();
    if (found.isPresent() && found.get().exists()) {
      return Future.succeededFuture(found.get());
    }
    Problem missing = Problem.noSuchTenant(tenant);
    if (found.isPresent() && found.get().lastRejection() != null) {
      missing = Problem.of(404, missing.slug(), missing.title(), "tenant '" + tenant + "' does not exist: its"
          + " last request was rejected: " + found.get().lastRejection());
    }
    return Responses.fail(missing);
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String value = ctx.queryParams().get(name);
    return value == null ? fallback : Integer.parseInt(value);
  }
}
