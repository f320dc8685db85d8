package dev.tenantplatform.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenant-platform tenants …}: a client of the HTTP API. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
    description = "Onboard, change, offboard and inspect tenants through the platform's HTTP API.",
    subcommands = {TenantsCommand.Create.class, TenantReads.ListTenants.class, TenantReads.GetTenant.class,
        TenantsCommand.Update.class, TenantsCommand.Delete.class, TenantReads.Events.class,
        TenantReads.Kubeconfig.class})
final class TenantsCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a sub-command: create, list, get, update, delete, events or kubeconfig");
  }

  /** Prints a change's answer: the request id, and where to watch it. */
  static int accepted(CommandSpec spec, ClientOptions client, JsonObject answer) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.json()) {
      out.println(answer.encodePrettily());
    } else {
      out.printf("%s of tenant %s accepted (request %s); watch it with: tenant-platform tenants get %s%n",
          answer.getString("action"), answer.getString("tenant"), answer.getString("requestId"),
          answer.getString("tenant"));
    }
    out.flush();
    return 0;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Onboard a tenant: its own cluster, with the control plane hosted as pods (admin token).")
  static final class Create implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Mixin
    ClusterOptions cluster;
    @Parameters(paramLabel = "TENANT", description = "The tenant's name: lower case letters, digits and '-'.")
    String tenant;

    @Override
    public Integer call() {
      JsonObject body = new JsonObject().put("tenant", tenant).put("cluster", cluster.toJson());
      return accepted(spec, client, client.client().json("POST", "/tenants", body));
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Scale workers, change the k0s version or the control-plane replicas (admin token).")
  static final class Update implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Mixin
    ClusterOptions cluster;
    @Parameters(paramLabel = "TENANT")
    String tenant;

    @Override
    public Integer call() {
      JsonObject change = cluster.toJson();
      if (change.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to change, e.g. --workers 4");
      }
      return accepted(spec, client, client.client().json("PATCH", "/tenants/" + tenant,
          new JsonObject().put("cluster", change)));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Offboard a tenant: its cluster and everything of it go (admin token).")
  static final class Delete implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "TENANT")
    String tenant;

    @Override
    public Integer call() {
      return accepted(spec, client, client.client().json("DELETE", "/tenants/" + tenant, null));
    }
  }
}
