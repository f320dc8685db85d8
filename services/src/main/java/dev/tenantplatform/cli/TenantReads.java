package dev.tenantplatform.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The reading {@code tenants} sub-commands: list, get, events, kubeconfig. */
final class TenantReads {

  private TenantReads() {
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Tenants with their state (an admin token sees all, a tenant token its own).")
  static final class ListTenants implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Option(names = "--state", description = "Only tenants in this state (Ready, Degraded, …).")
    String state;

    @Override
    public Integer call() {
      ApiClient api = client.client();
      JsonObject page = api.json("GET", "/tenants?limit=1000" + (state == null ? "" : "&state=" + state), null);
      PrintWriter out = spec.commandLine().getOut();
      if (client.json()) {
        out.println(page.encodePrettily());
        out.flush();
        return 0;
      }
      Table table = new Table("TENANT", "STATE", "VERSION", "CONTROL PLANE", "WORKERS", "READY IN");
      page.getJsonArray("items").forEach(item -> {
        JsonObject t = (JsonObject) item;
        JsonObject cluster = t.getJsonObject("cluster", new JsonObject());
        JsonObject durations = t.getJsonObject("durations");
        table.row(t.getString("tenant"), t.getString("state"), cluster.getString("version"),
            cluster.getInteger("controlPlaneReplicas"), cluster.getInteger("workers"),
            durations == null ? null : durations.getValue("readySeconds") + " s");
      });
      table.print(out);
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "A tenant's state, cluster, readiness checks and durations.")
  static final class GetTenant implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "TENANT")
    String tenant;

    @Override
    public Integer call() {
      JsonObject t = client.client().json("GET", "/tenants/" + tenant, null);
      PrintWriter out = spec.commandLine().getOut();
      if (client.json()) {
        out.println(t.encodePrettily());
        out.flush();
        return 0;
      }
      Table table = new Table("FIELD", "VALUE").row("tenant", t.getString("tenant")).row("state",
          t.getString("state") + (t.containsKey("reason") ? " (" + t.getString("reason") + ")" : ""));
      t.getJsonObject("cluster", new JsonObject()).forEach(e -> table.row("cluster." + e.getKey(), e.getValue()));
      t.getJsonObject("checks", new JsonObject()).forEach(e -> table.row("check." + e.getKey(),
          e.getValue() instanceof Boolean passed ? (passed ? "✅" : "❌") : e.getValue()));
      JsonObject durations = t.getJsonObject("durations");
      if (durations != null) {
        durations.forEach(e -> table.row(e.getKey(), e.getValue()));
      }
      table.row("requestedBy", t.getString("requestedBy")).row("lastEvent", t.getString("lastEvent"))
          .row("updatedAt", t.getString("updatedAt"));
      table.print(out);
      return 0;
    }
  }

  @Command(name = "events", mixinStandardHelpOptions = true, description = "A tenant's event history, oldest first.")
  static final class Events implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "TENANT")
    String tenant;
    @Option(names = "--after", paramLabel = "SEQUENCE", defaultValue = "0",
        description = "Only events after this sequence (default: from the first).")
    long after;

    @Override
    public Integer call() {
      ApiClient api = client.client();
      PrintWriter out = spec.commandLine().getOut();
      Table table = new Table("SEQ", "TIME", "TYPE", "DETAIL");
      io.vertx.core.json.JsonArray all = new io.vertx.core.json.JsonArray();
      String next = "/tenants/" + tenant + "/events?limit=1000&after=" + after;
      while (next != null) {
        JsonObject page = api.json("GET", next, null);
        page.getJsonArray("items").forEach(all::add);
        String link = page.getString("next");
        next = link == null ? null : link.substring(link.indexOf("/tenants/"));
      }
      if (client.json()) {
        out.println(new JsonObject().put("items", all).encodePrettily());
        out.flush();
        return 0;
      }
      all.forEach(item -> {
        JsonObject e = (JsonObject) item;
        JsonObject data = e.getJsonObject("data", new JsonObject());
        table.row(e.getLong("sequence"), e.getString("time"), e.getString("type"),
            data.getString("reason", data.getString("action", data.isEmpty() ? "" : data.encode())));
      });
      table.print(out);
      return 0;
    }
  }

  @Command(name = "kubeconfig", mixinStandardHelpOptions = true,
      description = "The tenant cluster's admin kubeconfig (each read is recorded with who read it).")
  static final class Kubeconfig implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "TENANT")
    String tenant;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
        description = "Write it to FILE (readable by its owner only) instead of printing it.")
    Path file;

    @Override
    public Integer call() throws IOException {
      String kubeconfig = client.client().call("GET", "/tenants/" + tenant + "/kubeconfig", null);
      PrintWriter out = spec.commandLine().getOut();
      if (file == null) {
        out.print(kubeconfig);
      } else {
        Files.writeString(file, kubeconfig);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the user profile's own permissions apply.
        }
        out.println("wrote the kubeconfig of " + tenant + " to " + file + "; use it with: kubectl --kubeconfig "
            + file + " get nodes");
      }
      out.flush();
      return 0;
    }
  }
}
