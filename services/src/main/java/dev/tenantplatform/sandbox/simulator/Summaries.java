package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;

/**
 * CAPI's condition aggregation ({@code util/conditions}): one condition summarizing the same condition on many
 * objects, or several conditions of one object. False wins over Unknown, Unknown over True; the message lists
 * the objects or conditions that are not fine, one per line.
 */
final class Summaries {

  private Summaries() {
  }

  /**
   * The {@code sourceType} condition of each object, summarized as {@code targetType}; {@code none} when there
   * are no objects.
   */
  static Condition aggregate(String targetType, String sourceType, List<GenericKubernetesResource> objects,
      Condition none, String trueReason, String falseReason, String unknownReason) {
    if (objects.isEmpty()) {
      return none;
    }
    List<String> falseLines = new ArrayList<>();
    List<String> unknownLines = new ArrayList<>();
    for (GenericKubernetesResource object : objects) {
      Condition c = Conditions.get(object, sourceType);
      String who = "* " + object.getKind() + " " + object.getMetadata().getName() + ": ";
      if (c == null) {
        unknownLines.add(who + "Condition " + sourceType + " not yet reported");
      } else if (Condition.FALSE.equals(c.status())) {
        falseLines.add(who + describe(c));
      } else if (!c.isTrue()) {
        unknownLines.add(who + describe(c));
      }
    }
    if (!falseLines.isEmpty()) {
      return Condition.isFalse(targetType, falseReason, String.join("\n", falseLines));
    }
    if (!unknownLines.isEmpty()) {
      return Condition.unknown(targetType, unknownReason, String.join("\n", unknownLines));
    }
    return Condition.isTrue(targetType, trueReason);
  }

  /**
   * A summary of an object's own conditions, as CAPI computes {@code Available}: each part must be True, except
   * the negative-polarity {@code Deleting}, which must be False.
   */
  static Condition summary(String targetType, List<Condition> parts, String trueReason, String falseReason,
      String unknownReason) {
    List<String> falseLines = new ArrayList<>();
    List<String> unknownLines = new ArrayList<>();
    for (Condition part : parts) {
      boolean negative = "Deleting".equals(part.type());
      boolean bad = negative ? part.isTrue() : Condition.FALSE.equals(part.status());
      boolean fine = negative ? Condition.FALSE.equals(part.status()) : part.isTrue();
      if (bad) {
        falseLines.add("* " + part.type() + ": " + describe(part));
      } else if (!fine) {
        unknownLines.add("* " + part.type() + ": " + describe(part));
      }
    }
    if (!falseLines.isEmpty()) {
      return Condition.isFalse(targetType, falseReason, String.join("\n", falseLines));
    }
    if (!unknownLines.isEmpty()) {
      return Condition.unknown(targetType, unknownReason, String.join("\n", unknownLines));
    }
    return Condition.isTrue(targetType, trueReason);
  }

  /**
   * A negative-polarity aggregate ({@code ScalingUp}, {@code ScalingDown}, {@code RollingOut}): True when any
   * object reports it True, with their messages.
   */
  static Condition anyTrue(String type, List<GenericKubernetesResource> objects, String trueReason,
      String falseReason) {
    List<String> lines = new ArrayList<>();
    for (GenericKubernetesResource object : objects) {
      Condition c = Conditions.get(object, type);
      if (c != null && c.isTrue()) {
        lines.add("* " + object.getKind() + " " + object.getMetadata().getName() + ": " + describe(c));
      }
    }
    return lines.isEmpty() ? Condition.isFalse(type, falseReason, "")
        : new Condition(type, Condition.TRUE, trueReason, String.join("\n", lines));
  }

  private static String describe(Condition c) {
    return c.message() == null || c.message().isBlank() ? c.reason() : c.message();
  }
}
