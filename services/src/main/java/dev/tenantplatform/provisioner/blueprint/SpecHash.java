package dev.tenantplatform.provisioner.blueprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The short, stable hash that names an immutable template after its spec. CAPI templates must not change
 * in place: a changed spec gets a new name, so the MachineDeployment rolls its Machines over to it, and an
 * unchanged spec keeps its name, so re-applying the same request changes nothing.
 */
final class SpecHash {

  /** 10 hex digits (40 bits), like the pod-template-hash; with a 40-character tenant the name stays within 63. */
  static final int LENGTH = 10;

  /** Keys sorted, so the hash depends on the content only, never on the order a map was filled in. */
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private SpecHash() {
  }

  static String of(Map<String, Object> spec) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a template spec: " + e.getMessage(), e);
    }
  }
}
