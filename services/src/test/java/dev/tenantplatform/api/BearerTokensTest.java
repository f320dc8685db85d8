package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Which tokens stand for whom, and the reasons given for those that stand for no one. */
class BearerTokensTest {

  private static final Vertx VERTX = Vertx.vertx();
  private static final SigningKeys KEYS = SigningKeys.generate("https://id.example/realms/platform");
  private final BearerTokens tokens = new BearerTokens(VERTX, KEYS.verification());

  @AfterAll
  static void close() {
    VERTX.close();
  }

  @Test
  void anAdminTokenIsAnAdminAndATenantTokenIsThatTenantsMember() throws Exception {
    assertThat(join(tokens.caller(KEYS.mintAdmin(VERTX, "ops", Duration.ofMinutes(5)))))
        .isEqualTo(new Caller.Admin("ops"));
    Caller member = join(tokens.caller(KEYS.mintTenant(VERTX, "acme", "alice", Duration.ofMinutes(5))));
    assertThat(member).isEqualTo(new Caller.TenantMember("alice", "acme"));
    assertThat(member.sees("acme")).isTrue();
    assertThat(member.sees("globex")).isFalse();
  }

  @Test
  void anExpiredTokenIsRefusedWithItsExpiry() {
    String token = KEYS.mint(VERTX, new JsonObject().put("sub", "ops").put("scope", "admin"),
        Duration.ofSeconds(-120));
    assertThatThrownBy(() -> join(tokens.caller(token))).hasRootCauseInstanceOf(BearerTokens.Refused.class)
        .rootCause().hasMessageContaining("expired at").hasMessageContaining("get a new one");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    SigningKeys forger = SigningKeys.generate("https://id.example/realms/platform");
    String token = forger.mintAdmin(VERTX, "mallory", Duration.ofMinutes(5));
    assertThatThrownBy(() -> join(tokens.caller(token))).rootCause().isInstanceOf(BearerTokens.Refused.class)
        .hasMessageContaining("signature");
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    BearerTokens strict = new BearerTokens(VERTX, TokenConfig.withPublicKey("https://other.example",
        SigningKeys.ALGORITHM, KEYS.publicKeyPem()));
    String token = KEYS.mintAdmin(VERTX, "ops", Duration.ofMinutes(5));
    assertThatThrownBy(() -> join(strict.caller(token))).rootCause().isInstanceOf(BearerTokens.Refused.class)
        .hasMessageContaining("not issued by https://other.example");
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = b64(new JsonObject().put("sub", "mallory").put("scope", "admin")
        .put("iss", "https://id.example/realms/platform")
        .put("exp", Instant.now().plusSeconds(300).getEpochSecond()).encode());
    assertThatThrownBy(() -> join(tokens.caller(header + "." + payload + ".")))
        .rootCause().isInstanceOf(BearerTokens.Refused.class);
  }

  @Test
  void aTokenWithNeitherScopeNorTenantIsForbidden() {
    String token = KEYS.mint(VERTX, new JsonObject().put("sub", "bob").put("scope", "openid profile"),
        Duration.ofMinutes(5));
    assertThatThrownBy(() -> join(tokens.caller(token))).rootCause().isInstanceOf(BearerTokens.Forbidden.class)
        .hasMessageContaining("neither the scope 'admin' nor a 'tenant' claim");
  }

  @Test
  void aTokenSignedByAnOutsideProviderInJoseFormIsAccepted() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    BearerTokens provider = new BearerTokens(VERTX, TokenConfig.withPublicKey("https://dex.example", "ES256", pem)
        .withAudience("tenant-platform"));
    String signingInput = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + b64(new JsonObject()
        .put("iss", "https://dex.example").put("aud", "tenant-platform").put("sub", "CiQwOGE4Njg0Yi1kYjg4")
        .put("scope", "openid admin").put("exp", Instant.now().plusSeconds(300).getEpochSecond()).encode());
    // JWS wants the raw r||s form (RFC 7518 §3.4), not Java's default DER.
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(pair.getPrivate());
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

    assertThat(join(provider.caller(token))).isEqualTo(new Caller.Admin("CiQwOGE4Njg0Yi1kYjg4"));
  }

  @Test
  void aTokenIsVerifiedWithTheProvidersJwksDocument(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    java.security.interfaces.ECPublicKey key = (java.security.interfaces.ECPublicKey) pair.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", "rotating-1")
        .put("alg", "ES256").put("use", "sig")
        .put("x", coordinate(key.getW().getAffineX())).put("y", coordinate(key.getW().getAffineY()));
    java.nio.file.Path jwks = dir.resolve("jwks.json");
    java.nio.file.Files.writeString(jwks, new JsonObject().put("keys", new io.vertx.core.json.JsonArray()
        .add(jwk)).encode());
    BearerTokens provider = new BearerTokens(VERTX, TokenConfig.read("https://keycloak.example/realms/x", jwks,
        null));
    String signingInput = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"rotating-1\"}") + "."
        + b64(new JsonObject().put("iss", "https://keycloak.example/realms/x").put("sub", "f3c1")
        .put("tenant", "acme").put("exp", Instant.now().plusSeconds(300).getEpochSecond()).encode());
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(pair.getPrivate());
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

    assertThat(join(provider.caller(token))).isEqualTo(new Caller.TenantMember("f3c1", "acme"));
  }

  /** A P-256 coordinate as JWK wants it: 32 bytes, big-endian, base64url. */
  private static String coordinate(java.math.BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int from = Math.max(0, raw.length - 32);
    System.arraycopy(raw, from, fixed, 32 - (raw.length - from), raw.length - from);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
