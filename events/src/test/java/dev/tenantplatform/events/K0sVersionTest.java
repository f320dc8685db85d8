package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class K0sVersionTest {

  @ParameterizedTest
  @CsvSource({
      "v1.32.8+k0s.0, 1, 32, 8, 0",
      "v1.32.8-k0s.0, 1, 32, 8, 0",
      "v1.33.4+k0s.12, 1, 33, 4, 12",
      "v1.32.8, 1, 32, 8, 0",
      "v2.0.0-k0s.3, 2, 0, 0, 3"})
  void readsBothK0sSpellingsAndCompletesABareVersion(String text, int major, int minor, int patch, int k0s) {
    assertThat(K0sVersion.parse(text)).isEqualTo(new K0sVersion(major, minor, patch, k0s));
  }

  @Test
  void normalFormUsesPlusAndImageTagUsesMinus() {
    K0sVersion version = K0sVersion.parse("v1.32.8-k0s.1");

    assertThat(version).hasToString("v1.32.8+k0s.1");
    assertThat(version.imageTag()).isEqualTo("v1.32.8-k0s.1");
    assertThat(version.kubernetesVersion()).isEqualTo("v1.32.8");
    assertThat(K0sVersion.parse("v1.32.8")).hasToString("v1.32.8+k0s.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.32.8+k0s.0", "v1.32", "v1.32.8+k3s.1", "v1.32.8+k0s", "latest", "v1.32.8+k0s.0 ",
      "v01.32.8", "v1.32.8+k0s.0.1", "V1.32.8"})
  void rejectsAnythingElseNamingTheExpectedFormAndAnExample(String text) {
    assertThatThrownBy(() -> K0sVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a k0s version")
        .hasMessageContaining("vX.Y.Z+k0s.N")
        .hasMessageContaining("for example v1.32.8+k0s.0");
  }

  @Test
  void pointsOutAMissingLeadingV() {
    assertThatThrownBy(() -> K0sVersion.parse("1.32.8"))
        .hasMessageContaining("the leading 'v' is missing");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void anEmptyVersionIsReportedAsEmpty(String text) {
    assertThatThrownBy(() -> K0sVersion.parse(text)).hasMessageStartingWith("version is empty: use vX.Y.Z+k0s.N");
    assertThat(K0sVersion.read(text)).isEmpty();
  }

  @Test
  void ordersByKubernetesVersionThenK0sBuild() {
    assertThat(K0sVersion.parse("v1.32.8+k0s.1")).isGreaterThan(K0sVersion.parse("v1.32.8+k0s.0"));
    assertThat(K0sVersion.parse("v1.32.10")).isGreaterThan(K0sVersion.parse("v1.32.9+k0s.5"));
    assertThat(K0sVersion.parse("v1.33.0")).isGreaterThan(K0sVersion.parse("v1.32.10"));
  }

  @Test
  void minorJumpCountsMinorVersionsUpAndDown() {
    K0sVersion current = K0sVersion.parse("v1.32.8+k0s.0");

    assertThat(current.minorJump(K0sVersion.parse("v1.33.1"))).isEqualTo(1);
    assertThat(current.minorJump(K0sVersion.parse("v1.34.0"))).isEqualTo(2);
    assertThat(current.minorJump(K0sVersion.parse("v1.32.9"))).isZero();
    assertThat(current.minorJump(K0sVersion.parse("v1.31.0"))).isEqualTo(-1);
    assertThat(current.minorJump(K0sVersion.parse("v2.0.0"))).isEqualTo(Integer.MAX_VALUE);
    assertThat(current.minorJump(K0sVersion.parse("v0.99.0"))).isEqualTo(Integer.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.33.0", "v1.33.5+k0s.2", "v1.32.9", "v1.32.7", "v1.32.8+k0s.1", "v1.32.8"})
  void allowsOneMinorUpAndAnyPatchOrBuildWithinTheMinor(String target) {
    assertThat(K0sVersion.parse("v1.32.8+k0s.1").isUpgradeAllowedTo(K0sVersion.parse(target))).isTrue();
  }

  @Test
  void refusesAJumpOfTwoMinorsAndSaysWhereToGoFirst() {
    K0sVersion current = K0sVersion.parse("v1.32.8+k0s.0");

    assertThat(current.isUpgradeAllowedTo(K0sVersion.parse("v1.34.0"))).isFalse();
    assertThat(current.changeProblem(K0sVersion.parse("v1.34.0"))).hasValue(
        "version v1.34.0+k0s.0 jumps 2 minor versions from v1.32.8+k0s.0: upgrade one minor version at a time"
            + " (first to v1.33.x), as the Kubernetes version-skew policy requires");
  }

  @Test
  void refusesAMinorDowngradeAndAMajorChange() {
    K0sVersion current = K0sVersion.parse("v1.32.8+k0s.0");

    assertThat(current.changeProblem(K0sVersion.parse("v1.31.9"))).hasValueSatisfying(reason ->
        assertThat(reason).contains("is a downgrade").contains("stay on v1.32.x"));
    assertThat(current.changeProblem(K0sVersion.parse("v2.32.8"))).hasValueSatisfying(reason ->
        assertThat(reason).contains("changes the major version"));
  }
}
