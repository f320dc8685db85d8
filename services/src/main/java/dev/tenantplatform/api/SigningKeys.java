package dev.tenantplatform.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The key pair a platform without an identity provider of its own signs tokens with ({@code local} mode): ES256
 * (ECDSA on P-256), kept as PEM files in a folder, the private key readable by its owner only. The API verifies
 * with the public key alone, exactly as it would verify an outside provider's tokens.
 */
public final class SigningKeys {

  public static final String ALGORITHM = "ES256";
  public static final String PRIVATE_KEY_FILE = "token-signing-key.pem";
  public static final String PUBLIC_KEY_FILE = "token-signing-key.pub.pem";
  /** The issuer ({@code iss}) of the tokens a local platform mints. */
  public static final String LOCAL_ISSUER = "tenant-platform-local";

  private final String privatePem;
  private final String publicPem;
  private final String issuer;

  private SigningKeys(String privatePem, String publicPem, String issuer) {
    this.privatePem = privatePem;
    this.publicPem = publicPem;
    this.issuer = issuer;
  }

  /** A new key pair, not written anywhere (tests). */
  public static SigningKeys generate(String issuer) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      return new SigningKeys(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()), issuer);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot make P-256 keys, which every runtime can", e);
    }
  }

  /** The key pair kept in {@code dir}, made there on first use. */
  public static SigningKeys loadOrCreate(Path dir) {
    Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
    Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
    try {
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        return new SigningKeys(Files.readString(privateFile), Files.readString(publicFile), LOCAL_ISSUER);
      }
      SigningKeys keys = generate(LOCAL_ISSUER);
      Files.createDirectories(dir);
      Files.writeString(privateFile, keys.privatePem);
      ownerOnly(privateFile);
      Files.writeString(publicFile, keys.publicPem);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the token signing keys in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The keys kept in {@code dir}; fails with what to do when there are none. */
  public static SigningKeys load(Path dir) {
    Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
    if (!Files.exists(privateFile)) {
      throw new IllegalArgumentException("no token signing key in " + dir + " (" + PRIVATE_KEY_FILE + "): start"
          + " the local platform with `tenant-platform local --data " + dir + "` first, or give --data the folder"
          + " it runs with");
    }
    return loadOrCreate(dir);
  }

  /** How the API verifies these keys' tokens. */
  public TokenConfig verification() {
    return TokenConfig.withPublicKey(issuer, ALGORITHM, publicPem);
  }

  public String publicKeyPem() {
    return publicPem;
  }

  /** An admin token: sees and does everything. */
  public String mintAdmin(Vertx vertx, String subject, Duration validFor) {
    return mint(vertx, new JsonObject().put("sub", subject).put("scope", TokenConfig.DEFAULT_ADMIN_SCOPE),
        validFor);
  }

  /** A tenant token: sees its own tenant only. */
  public String mintTenant(Vertx vertx, String tenant, String subject, Duration validFor) {
    return mint(vertx, new JsonObject().put("sub", subject).put(TokenConfig.DEFAULT_TENANT_CLAIM, tenant),
        validFor);
  }

  /** A token with {@code claims}; {@code iss}, {@code iat} and {@code exp} are added. */
  public String mint(Vertx vertx, JsonObject claims, Duration validFor) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(privatePem)));
    JsonObject stamped = claims.copy().put("exp", Instant.now().plus(validFor).getEpochSecond());
    return signer.generateToken(stamped, new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(issuer));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the user profile's own permissions apply.
    }
  }
}
