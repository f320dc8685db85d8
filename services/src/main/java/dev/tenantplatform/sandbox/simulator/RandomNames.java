package dev.tenantplatform.sandbox.simulator;

import java.util.random.RandomGenerator;

/**
 * The random suffixes of generated names, from the alphabet of Kubernetes' {@code utilrand.String} (no vowels,
 * no look-alike digits): MachineSets are {@code <md>-<5>}, Machines {@code <ms>-<5>}.
 */
final class RandomNames {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final RandomGenerator random;

  RandomNames(RandomGenerator random) {
    this.random = random;
  }

  String suffix() {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return suffix.toString();
  }

  String generate(String prefix) {
    return prefix + "-" + suffix();
  }
}
