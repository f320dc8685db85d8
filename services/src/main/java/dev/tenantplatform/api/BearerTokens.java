package dev.tenantplatform.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a bearer token into a {@link Caller}, or into the reason it is refused, in words that say what to do.
 * Signature, issuer, audience and expiry are checked by vertx-auth-jwt; the roles are read here.
 */
final class BearerTokens {

  private final JWTAuth jwt;
  private final TokenConfig config;

  BearerTokens(Vertx vertx, TokenConfig config) {
    this.config = config;
    JWTOptions checks = new JWTOptions().setIssuer(config.issuer()).setLeeway(config.leewaySeconds());
    if (config.audience() != null) {
      checks.setAudience(List.of(config.audience()));
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(checks);
    config.publicKeys().forEach(key -> options.addPubSecKey(
        new PubSecKeyOptions().setAlgorithm(key.algorithm()).setBuffer(key.pem())));
    config.jwks().forEach(options::addJwk);
    this.jwt = JWTAuth.create(vertx, options);
  }

  /** The caller {@code token} stands for; fails with {@link Refused} when it stands for no one. */
  Future<Caller> caller(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(new Refused(reason(e, token))))
        .compose(this::caller);
  }

  private Future<Caller> caller(User user) {
    JsonObject claims = user.principal();
    String subject = claims.getString("sub");
    if (subject == null || subject.isBlank()) {
      return Future.failedFuture(new Refused("the token has no subject (sub): the platform records who asked for"
          + " every change, so ask the token's issuer for one with a subject"));
    }
    if (scopes(claims).contains(config.adminScope())) {
      return Future.succeededFuture(new Caller.Admin(subject));
    }
    Object tenant = claims.getValue(config.tenantClaim());
    if (tenant instanceof String name && !name.isBlank()) {
      return Future.succeededFuture(new Caller.TenantMember(subject, name));
    }
    return Future.failedFuture(new Forbidden("the token grants no access to the platform: it has neither the"
        + " scope '" + config.adminScope() + "' nor a '" + config.tenantClaim() + "' claim naming a tenant"));
  }

  /** Scopes from the OAuth {@code scope} string or the {@code scp} list, as providers variously put them. */
  private static List<String> scopes(JsonObject claims) {
    Object scope = claims.getValue("scope");
    if (scope instanceof String text) {
      return Arrays.asList(text.trim().split("\\s+"));
    }
    Object scp = claims.getValue("scp", scope);
    if (scp instanceof JsonArray list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  private String reason(Throwable failure, String token) {
    String message = String.valueOf(failure.getMessage());
    if (message.toLowerCase(java.util.Locale.ROOT).contains("expired")) {
      return "the token expired" + expiry(token) + ": get a new one (from your identity provider, or"
          + " `tenant-platform tokens mint` on a local platform)";
    }
    if (message.contains("Invalid JWT issuer") || message.contains("iss")) {
      return "the token was not issued by " + config.issuer() + ", the issuer this platform trusts: use a token"
          + " of that issuer";
    }
    if (message.contains("audience") || message.contains("aud")) {
      return "the token is not meant for this platform: its audience lacks " + config.audience();
    }
    if (message.contains("Signature") || message.contains("signature")) {
      return "the token's signature does not verify with the keys this platform trusts: it was altered, or"
          + " signed by another issuer";
    }
    if (message.contains("nbf") || message.contains("iat")) {
      return "the token is not valid yet: check the clock of the machine that issued it";
    }
    return "the token cannot be read as a signed JWT (" + message + "): send the token exactly as issued";
  }

  private static String expiry(String token) {
    try {
      String[] parts = token.split("\\.");
      JsonObject payload = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
          java.nio.charset.StandardCharsets.UTF_8));
      Long exp = payload.getLong("exp");
      return exp == null ? "" : " at " + Instant.ofEpochSecond(exp);
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** A token that stands for no one: 401. */
  static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A valid token that grants nothing: 403. */
  static final class Forbidden extends RuntimeException {
    Forbidden(String reason) {
      super(reason, null, false, false);
    }
  }
}
