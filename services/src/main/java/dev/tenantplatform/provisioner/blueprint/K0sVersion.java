package dev.tenantplatform.provisioner.blueprint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A k0s version, {@code vX.Y.Z+k0s.N}. k0s releases carry the Kubernetes version they ship, and the objects
 * need it in both forms: k0s wants the whole version, CAPI's Machines the bare Kubernetes one (CAPD picks
 * the kindest/node image from it, and a {@code -k0s.N} suffix reads as a pre-release to CAPI's skew checks).
 */
record K0sVersion(int major, int minor, int patch, int k0sBuild) {

  private static final Pattern FORMAT =
      Pattern.compile("v(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})(?:\\+k0s\\.(\\d{1,4}))?");

  /** Parses {@code vX.Y.Z+k0s.N}; a bare {@code vX.Y.Z} is completed to {@code +k0s.0}, as k0smotron does. */
  static K0sVersion parse(String version) {
    Matcher m = version == null ? null : FORMAT.matcher(version);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("version '" + version
          + "' is not a k0s version: use vX.Y.Z+k0s.N (for example v1.32.8+k0s.0) or vX.Y.Z");
    }
    return new K0sVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
  }

  /** The version k0s and k0smotron take: {@code v1.32.8+k0s.0}. */
  String k0s() {
    return kubernetes() + "+k0s." + k0sBuild;
  }

  /** The Kubernetes version a Machine carries: {@code v1.32.8}. */
  String kubernetes() {
    return "v" + major + "." + minor + "." + patch;
  }
}
