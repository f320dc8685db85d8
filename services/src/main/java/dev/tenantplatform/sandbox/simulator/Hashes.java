package dev.tenantplatform.sandbox.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of content: of text, or of a value's canonical JSON so that equal content hashes alike. */
final class Hashes {

  private Hashes() {
  }

  /** The full hex digest of the text. */
  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A short (16 hex digits) digest of the value's content, for names, labels and change detection. */
  static String of(Object value) {
    return sha256(Fields.canonicalJson(value)).substring(0, 16);
  }
}
