package dev.tenantplatform.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenant-platform validate TENANT}: the seed's readiness checks (its Action 10) for one tenant, as the
 * platform reports them, one line each; the exit code is 0 only when every check passes.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks that a tenant's cluster is fully up: control plane ready, cluster provisioned, Calico"
        + " applied, every worker Ready. Prints ✅ or ❌ per check; exits 0 only when all pass (2 otherwise)."})
final class ValidateCommand implements Callable<Integer> {

  static final int NOT_VALID = 2;

  @Spec
  CommandSpec spec;
  @Mixin
  ClientOptions client;
  @Parameters(paramLabel = "TENANT")
  String tenant;

  @Override
  public Integer call() {
    JsonObject t = client.client().json("GET", "/tenants/" + tenant, null);
    JsonObject checks = t.getJsonObject("checks", new JsonObject());
    JsonObject cluster = t.getJsonObject("cluster", new JsonObject());
    Map<String, Boolean> results = new LinkedHashMap<>();
    results.put("Cluster " + tenant + " exists", !"Deleted".equals(t.getString("state")));
    results.put("Cluster phase = Provisioned", checks.getBoolean("provisioned", false));
    results.put("K0smotronControlPlane with " + cluster.getInteger("controlPlaneReplicas") + " replicas ready",
        checks.getBoolean("controlPlaneReady", false));
    results.put("Calico applied (label cni=calico)", checks.getBoolean("cniApplied", false));
    results.put(cluster.getInteger("workers") + " workers Ready"
        + (checks.containsKey("workers") ? " (" + checks.getString("workers") + ")" : ""),
        checks.getBoolean("workersReady", false));
    boolean valid = results.values().stream().allMatch(Boolean::booleanValue);
    PrintWriter out = spec.commandLine().getOut();
    if (client.json()) {
      JsonObject json = new JsonObject().put("tenant", tenant).put("state", t.getString("state")).put("valid", valid);
      results.forEach(json::put);
      out.println(json.encodePrettily());
    } else {
      out.println("Validation of tenant " + tenant + " (state " + t.getString("state") + ")");
      results.forEach((check, passed) -> out.println((passed ? "✅ " : "❌ ") + check));
      out.println(valid ? "All checks pass." : "Not every check passes yet"
          + (t.containsKey("reason") ? ": " + t.getString("reason") : "") + ".");
    }
    out.flush();
    return valid ? 0 : NOT_VALID;
  }
}
