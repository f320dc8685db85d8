package dev.tenantplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One thing wrong with a tenant request.
 *
 * @param field where, as a path into the request's data ({@code tenant}, {@code cluster.workers})
 * @param reason what is wrong and what to do instead, as a sentence a person can act on
 */
public record Violation(String field, String reason) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  /** All violations in one line, for a dead-letter header or a log line. */
  public static String summary(List<Violation> violations) {
    if (violations.size() == 1) {
      return violations.get(0).reason();
    }
    return violations.size() + " problems: " + violations.stream().map(Violation::reason)
        .collect(Collectors.joining("; "));
  }
}
