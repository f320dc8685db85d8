package dev.tenantplatform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tenant-platform}: one executable, one sub-command per way of using the platform. */
@Command(name = "tenant-platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A Kubernetes cluster per tenant, with its control plane hosted as pods (k0smotron on Cluster API),"
        + " driven by Kafka.",
    subcommands = {LocalCommand.class, RunCommand.class, TenantsCommand.class, TokensCommand.class,
        ValidateCommand.class, CompareCommand.class, ReplayCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          // A person reads this: the reason, not a stack trace (set TENANT_PLATFORM_DEBUG=1 for the trace).
          cmd.getErr().println("error: " + rootMessage(e));
          if (System.getenv("TENANT_PLATFORM_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a sub-command, for example: local");
  }
}
