package dev.tenantplatform.cli;

import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.events.RequestValidator;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenant-platform tokens …}: bearer tokens of a local platform, signed with its data folder's key. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
    description = "Bearer tokens for a local platform (a production platform trusts its identity provider's).",
    subcommands = TokensCommand.Mint.class)
final class TokensCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a sub-command: mint");
  }

  @Command(name = "mint", mixinStandardHelpOptions = true,
      description = {"Mints a token signed with the key pair of a local platform's data folder; prints it on its"
          + " last line.", "Example: TOKEN=$(tenant-platform tokens mint --tenant acme | tail -1)"})
  static final class Mint implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Role role;

    static final class Role {
      @Option(names = "--tenant", paramLabel = "NAME", description = "A tenant token: sees that tenant only.")
      String tenant;

      @Option(names = "--admin", description = "An admin token: sees and does everything.")
      boolean admin;
    }

    @Option(names = "--subject", paramLabel = "WHO",
        description = "Who the token stands for, recorded as requestedBy (default: NAME-user, or local-admin).")
    String subject;

    @Option(names = "--valid-for", paramLabel = "DURATION", defaultValue = "24h",
        description = "How long the token stays valid: 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String validFor;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".tenant-platform",
        description = "Data folder of the local platform (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
      Duration validity = duration(validFor);
      if (role.tenant != null && !RequestValidator.isTenantName(role.tenant)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "'" + role.tenant + "' is not a tenant name:"
            + " use lower case letters, digits and '-', at most 40 characters");
      }
      SigningKeys keys = SigningKeys.load(dataDir);
      Vertx vertx = Vertx.vertx();
      try {
        String token = role.admin
            ? keys.mintAdmin(vertx, subject == null ? "local-admin" : subject, validity)
            : keys.mintTenant(vertx, role.tenant, subject == null ? role.tenant + "-user" : subject, validity);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s token, valid for %s; use it with --token or as Authorization: Bearer <token>:%n",
            role.admin ? "An admin" : "A token of tenant " + role.tenant, validFor);
        out.println(token);
        out.flush();
        return 0;
      } finally {
        vertx.close();
      }
    }

    private Duration duration(String text) {
      try {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        Duration d = t.endsWith("d") ? Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)))
            : Duration.parse("PT" + t.toUpperCase(java.util.Locale.ROOT));
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException();
        }
        return d;
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--valid-for '" + text + "' is not a"
            + " duration: use e.g. 30m, 24h or 7d");
      }
    }
  }
}
