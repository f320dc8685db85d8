package dev.tenantplatform.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which bearer tokens the API trusts and how it reads them. Tokens are JWTs from any identity provider
 * (Keycloak, Dex, …) or from {@link SigningKeys} in local mode; their keys come from configuration, as PEM
 * public keys or as the provider's JSON Web Keys (the {@code keys} of its JWKS document).
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} a token must include; null when the provider sets none
 * @param publicKeys PEM public keys, each with its JWS algorithm (RS256, ES256, …)
 * @param jwks JSON Web Keys (objects with kty, kid, alg, …)
 * @param adminScope the scope (in the space-separated {@code scope} claim, or the {@code scp} list) that makes a
 *     token an admin's
 * @param tenantClaim the claim naming the one tenant a tenant token may see
 * @param leewaySeconds clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}
 */
public record TokenConfig(String issuer, String audience, List<PublicKey> publicKeys, List<JsonObject> jwks,
    String adminScope, String tenantClaim, int leewaySeconds) {

  public static final String DEFAULT_ADMIN_SCOPE = "admin";
  public static final String DEFAULT_TENANT_CLAIM = "tenant";
  public static final int DEFAULT_LEEWAY_SECONDS = 30;

  public TokenConfig {
    publicKeys = List.copyOf(Objects.requireNonNullElse(publicKeys, List.of()));
    jwks = List.copyOf(Objects.requireNonNullElse(jwks, List.of()));
    List<String> problems = new ArrayList<>();
    if (issuer == null || issuer.isBlank()) {
      problems.add("the token issuer is empty: give the iss your identity provider puts in its tokens"
          + " (for Keycloak https://HOST/realms/REALM)");
    }
    if (publicKeys.isEmpty() && jwks.isEmpty()) {
      problems.add("no key to verify tokens with: give the provider's public key (PEM) or its JSON Web Keys");
    }
    if (adminScope == null || adminScope.isBlank() || adminScope.contains(" ")) {
      problems.add("the admin scope '" + adminScope + "' must be one word, such as admin");
    }
    if (tenantClaim == null || tenantClaim.isBlank()) {
      problems.add("the tenant claim is empty: name the claim that carries a tenant token's tenant, such as tenant");
    }
    if (leewaySeconds < 0 || leewaySeconds > 600) {
      problems.add("the clock leeway of " + leewaySeconds + " s must be between 0 and 600");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid token configuration: " + String.join("; ", problems));
    }
  }

  /** Tokens of {@code issuer} signed with the key of {@code pem}, with the default scope and claim names. */
  public static TokenConfig withPublicKey(String issuer, String algorithm, String pem) {
    return new TokenConfig(issuer, null, List.of(new PublicKey(algorithm, pem)), List.of(), DEFAULT_ADMIN_SCOPE,
        DEFAULT_TENANT_CLAIM, DEFAULT_LEEWAY_SECONDS);
  }

  /** Tokens of {@code issuer} signed with one of {@code jwks}, with the default scope and claim names. */
  public static TokenConfig withJwks(String issuer, List<JsonObject> jwks) {
    return new TokenConfig(issuer, null, List.of(), jwks, DEFAULT_ADMIN_SCOPE, DEFAULT_TENANT_CLAIM,
        DEFAULT_LEEWAY_SECONDS);
  }

  /**
   * Tokens of {@code issuer} verified with the keys in {@code keyFile}: either the identity provider's JWKS
   * document (JSON, as served at its {@code jwks_uri}, e.g. Keycloak's {@code /protocol/openid-connect/certs})
   * or one PEM public key whose tokens are signed with {@code algorithm}.
   */
  public static TokenConfig read(String issuer, Path keyFile, String algorithm) {
    String content;
    try {
      content = Files.readString(keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the token keys from " + keyFile + ": " + e.getMessage()
          + " (give the identity provider's JWKS document or its PEM public key)", e);
    }
    if (!content.stripLeading().startsWith("{")) {
      return withPublicKey(issuer, algorithm, content);
    }
    JsonArray keys;
    try {
      keys = new JsonObject(content).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(keyFile + " is not a JWKS document: " + e.getMessage(), e);
    }
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException(keyFile + " holds no keys: a JWKS document is {\"keys\": [ … ]}");
    }
    return withJwks(issuer, keys.stream().map(JsonObject.class::cast).toList());
  }

  public TokenConfig withAudience(String newAudience) {
    return new TokenConfig(issuer, newAudience, publicKeys, jwks, adminScope, tenantClaim, leewaySeconds);
  }

  public TokenConfig withLeewaySeconds(int seconds) {
    return new TokenConfig(issuer, audience, publicKeys, jwks, adminScope, tenantClaim, seconds);
  }

  /**
   * A PEM public key and the JWS algorithm its tokens are signed with.
   *
   * @param algorithm RS256, RS384, RS512, ES256, ES384, ES512, PS256, …
   * @param pem {@code -----BEGIN PUBLIC KEY-----} …
   */
  public record PublicKey(String algorithm, String pem) {
    public PublicKey {
      if (algorithm == null || !algorithm.matches("(RS|ES|PS)(256|384|512)")) {
        throw new IllegalArgumentException("the token key algorithm '" + algorithm + "' is not supported: use an"
            + " asymmetric one (RS256, ES256, PS256, …); shared secrets would let the API mint tokens too");
      }
      if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
        throw new IllegalArgumentException("the token key is not a PEM public key: give the text from"
            + " -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----");
      }
    }
  }
}
