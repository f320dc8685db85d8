package dev.tenantplatform.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenant-platform compare}: the seed's Action 7 table (dedicated control-plane machines against hosted
 * control planes) from live data, {@code GET /api/v1/savings}, in total or for one tenant.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compares the tenant clusters with the same clusters on dedicated control-plane machines"
        + " (kubeadm style): machines, containers, memory, CPU, cost per month (gross: hosted control planes"
        + " free; net: at their share of the management cluster) and boot time, from the platform's live data."
        + " Needs an admin token."})
final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;
  @Mixin
  ClientOptions client;
  @Option(names = "--tenant", paramLabel = "NAME", description = "Show this tenant's comparison instead of the"
      + " total.")
  String tenant;
  @Option(names = "--profile", paramLabel = "NAME", description = "Baseline profile: dev (1 dedicated"
      + " control-plane node per cluster) or ha (3); default: the platform's, ha.")
  String profile;

  @Override
  public Integer call() {
    JsonObject report = client.client().json("GET", "/savings"
        + (profile == null ? "" : "?profile=" + URLEncoder.encode(profile, StandardCharsets.UTF_8)), null);
    PrintWriter out = spec.commandLine().getOut();
    if (client.json()) {
      out.println(report.encodePrettily());
    } else {
      new SavingsTable(report).print(out, tenant);
    }
    out.flush();
    return 0;
  }
}
