package dev.tenantplatform.events;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A k0s version, {@code vX.Y.Z+k0s.N}: the Kubernetes version {@code X.Y.Z} and k0s's own build {@code N}.
 *
 * <p>Both spellings k0smotron knows are read: {@code v1.32.8+k0s.0} (semver build metadata, what users write)
 * and {@code v1.32.8-k0s.0} (the image tag form). A bare {@code v1.32.8} is completed to {@code +k0s.0}, as
 * k0smotron's webhook does. The normal form, {@link #toString()}, always uses {@code +k0s.}; the image tag,
 * {@link #imageTag()}, uses {@code -k0s.}.
 *
 * <p>Version changes follow the Kubernetes version-skew policy that k0smotron's webhook enforces: an upgrade
 * moves at most one minor version at a time. A downgrade to an older minor is refused as well, although the
 * webhook lets it through: the API server may already have written objects in the newer minor's storage
 * versions, so Kubernetes does not support it, and a user who asks for it expects a refusal, not a broken
 * control plane. Moving between patch releases or k0s builds of the same minor is allowed both ways (rolling a
 * bad patch back is routine). A change of major version is refused.
 *
 * @param major Kubernetes major version (1)
 * @param minor Kubernetes minor version
 * @param patch Kubernetes patch version
 * @param k0sSuffix k0s build number, the {@code N} of {@code +k0s.N}
 */
public record K0sVersion(int major, int minor, int patch, int k0sSuffix) implements Comparable<K0sVersion> {

  /** What a valid version looks like, for messages. */
  public static final String EXPECTED_FORM = "vX.Y.Z+k0s.N (for example v1.32.8+k0s.0; a bare v1.32.8 means +k0s.0)";

  private static final String NUMBER = "(0|[1-9]\\d{0,5})";
  private static final Pattern FORM = Pattern.compile(
      "v" + NUMBER + "\\." + NUMBER + "\\." + NUMBER + "(?:[+-]k0s\\." + NUMBER + ")?");

  private static final Comparator<K0sVersion> ORDER = Comparator.comparingInt(K0sVersion::major)
      .thenComparingInt(K0sVersion::minor)
      .thenComparingInt(K0sVersion::patch)
      .thenComparingInt(K0sVersion::k0sSuffix);

  public K0sVersion {
    if (major < 0 || minor < 0 || patch < 0 || k0sSuffix < 0) {
      throw new IllegalArgumentException("version numbers cannot be negative: " + major + "." + minor + "."
          + patch + "+k0s." + k0sSuffix);
    }
  }

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException naming the expected form, when {@code text} is not a k0s version
   */
  public static K0sVersion parse(String text) {
    return read(text).orElseThrow(() -> new IllegalArgumentException(problem(text)));
  }

  /** The version {@code text} names, or empty when it names none (see {@link #problem(String)} for why). */
  public static Optional<K0sVersion> read(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int suffix = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    return Optional.of(new K0sVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), suffix));
  }

  /** Why {@code text} is not a k0s version, in words a person can act on. */
  static String problem(String text) {
    if (text == null || text.isBlank()) {
      return "version is empty: use " + EXPECTED_FORM;
    }
    String hint = text.matches("\\d+\\.\\d+\\.\\d+.*") ? " (the leading 'v' is missing)" : "";
    String quoted = text.length() <= 80 ? text : text.substring(0, 77) + "...";
    return "version '" + quoted + "' is not a k0s version" + hint + ": use " + EXPECTED_FORM;
  }

  /**
   * How many minor versions {@code target} lies ahead of this one: 1 for v1.32 to v1.33, 0 within a minor,
   * negative for a downgrade. Across a change of major version the distance is unbounded:
   * {@link Integer#MAX_VALUE} upwards, {@link Integer#MIN_VALUE} downwards.
   */
  public int minorJump(K0sVersion target) {
    if (target.major != major) {
      return target.major > major ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }
    return target.minor - minor;
  }

  /** Whether a control plane running this version may be moved to {@code target} (see the class comment). */
  public boolean isUpgradeAllowedTo(K0sVersion target) {
    return changeProblem(target).isEmpty();
  }

  /** Why this version cannot be changed to {@code target}, or empty when it can. */
  public Optional<String> changeProblem(K0sVersion target) {
    int jump = minorJump(target);
    if (target.major != major) {
      return Optional.of("version " + target + " changes the major version of " + this
          + ": only minor upgrades are supported");
    }
    if (jump > 1) {
      return Optional.of("version " + target + " jumps " + jump + " minor versions from " + this
          + ": upgrade one minor version at a time (first to v" + major + "." + (minor + 1)
          + ".x), as the Kubernetes version-skew policy requires");
    }
    if (jump < 0) {
      return Optional.of("version " + target + " is a downgrade from " + this + " to an older minor version:"
          + " Kubernetes does not support it (objects may already be stored in the newer version);"
          + " stay on v" + major + "." + minor + ".x");
    }
    return Optional.empty();
  }

  /** The tag of the k0s image, {@code v1.32.8-k0s.0}. */
  public String imageTag() {
    return "v" + major + "." + minor + "." + patch + "-k0s." + k0sSuffix;
  }

  /** The Kubernetes version without the k0s build, {@code v1.32.8}. */
  public String kubernetesVersion() {
    return "v" + major + "." + minor + "." + patch;
  }

  @Override
  public int compareTo(K0sVersion other) {
    return ORDER.compare(this, other);
  }

  /** The normal form, {@code v1.32.8+k0s.0}. */
  @Override
  public String toString() {
    return kubernetesVersion() + "+k0s." + k0sSuffix;
  }
}
