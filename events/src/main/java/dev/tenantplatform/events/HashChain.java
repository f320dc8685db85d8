package dev.tenantplatform.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The per-tenant SHA-256 chain of lifecycle events: proof that nothing in a tenant's history was altered,
 * lost, duplicated, reordered or written twice.
 *
 * <h2>Canonical form (what is hashed)</h2>
 * The hash of an event is the lower-case hex SHA-256 of the UTF-8 bytes of this JSON object, written with its
 * keys sorted and without any whitespace:
 * <pre>
 * {"data":{…},"previousHash":"…","requestId":"…","sequence":3,"tenant":"acme",
 *  "time":"2026-01-02T03:04:05.678Z","type":"dev.tenantplatform.tenant.ready.v1"}
 * </pre>
 * <ul>
 *   <li>{@code data}: the event's data without the chain fields, that is the CloudEvent's {@code data} less
 *       {@code tenant}, {@code sequence}, {@code requestId}, {@code previousHash} and {@code hash};</li>
 *   <li>{@code previousHash}: the previous event's hash; for sequence 1, {@link #GENESIS} (64 zeros);</li>
 *   <li>{@code sequence}: an integer;</li>
 *   <li>{@code time}: RFC 3339 in UTC with exactly three fraction digits, whatever spelling the CloudEvent's
 *       {@code time} used ({@code …:05.6Z} is hashed as {@code …:05.600Z});</li>
 *   <li>{@code type}: the CloudEvent type.</li>
 * </ul>
 * JSON spelling, at every depth (RFC 8785 for the values the platform writes): object keys sorted by UTF-16
 * code units (for ASCII keys: byte order); no whitespace; strings as UTF-8 with {@code "} and {@code \}
 * escaped, {@code \b \f \n \r \t} as such, other characters below U+0020 as {@code \}{@code u00xx} (lower-case
 * hex), everything else unescaped (no {@code \/}, no escaping of non-ASCII); integers in plain digits; other
 * numbers in plain decimal notation without exponent or trailing zeros ({@code 61.5}); {@code true},
 * {@code false}, {@code null}. The platform writes integers and decimals of at most three fraction digits only.
 * In Python: {@code json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)}.
 *
 * <p>The chain proves the order and integrity of what it holds; the newest event of a tenant can only be
 * vouched for by a head kept elsewhere (the ledger's), since whoever can rewrite it can rehash it.
 */
public final class HashChain {

  /** The previousHash of every tenant's first event. */
  public static final String GENESIS = "0".repeat(64);

  /** 10000-01-01T00:00:00Z: later times (and those before 1970) take the formatter's slower path. */
  private static final long MAX_FAST_SECONDS = 253_402_300_800L;
  private static final byte[] TIME_TEMPLATE = "0000-00-00T00:00:00.000Z".getBytes(StandardCharsets.ISO_8859_1);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  // A digest per thread: looking one up per event costs more than hashing a short canonical form.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(HashChain::newSha256);
  private static final HexFormat HEX = HexFormat.of();

  private HashChain() {
  }

  /**
   * {@code unsealed} as the event after {@code head}: the next sequence, linked to the head's hash, hashed and
   * with its deterministic id.
   */
  public static TenantEvent next(ChainHead head, TenantEvent unsealed) {
    if (unsealed.isSealed()) {
      throw new IllegalArgumentException("the " + unsealed.type() + " event of " + unsealed.tenant()
          + " is already sealed as sequence " + unsealed.sequence() + ": seal an event once");
    }
    if (!head.tenant().equals(unsealed.tenant())) {
      throw new IllegalArgumentException("an event of " + unsealed.tenant() + " cannot extend the chain of "
          + head.tenant() + ": every tenant has its own chain");
    }
    long sequence = head.sequence() + 1;
    String hash = sha256(canonicalForm(unsealed, sequence, head.hash()));
    return unsealed.sealed(sequence, head.hash(), hash);
  }

  /** The canonical form of a sealed {@code event} (see the class comment). */
  public static String canonicalForm(TenantEvent event) {
    if (!event.isSealed()) {
      throw new IllegalArgumentException("an unsealed event has no canonical form yet: it has no sequence");
    }
    return canonicalForm(event, event.sequence(), event.previousHash());
  }

  /** What the hash of {@code event} must be, given its content. */
  public static String hash(TenantEvent event) {
    return sha256(canonicalForm(event));
  }

  /** {@link #hash(TenantEvent)} of a sealed event whose {@link TenantEvent#dataJson()} is {@code dataJson}. */
  static String hash(TenantEvent event, String dataJson) {
    return sha256(canonicalForm(event, event.sequence(), event.previousHash(), dataJson));
  }

  /** RFC 3339 in UTC with milliseconds, the spelling of times in the canonical form. */
  public static String formatTime(Instant time) {
    long seconds = time.getEpochSecond();
    if (seconds < 0 || seconds >= MAX_FAST_SECONDS) {
      return TIME.format(time);
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, time.getNano(), ZoneOffset.UTC);
    // Written as Latin-1 bytes, the form a String of ASCII keeps them in: no widening to chars and back.
    byte[] out = TIME_TEMPLATE.clone();
    put(out, 0, t.getYear(), 4);
    put(out, 5, t.getMonthValue(), 2);
    put(out, 8, t.getDayOfMonth(), 2);
    put(out, 11, t.getHour(), 2);
    put(out, 14, t.getMinute(), 2);
    put(out, 17, t.getSecond(), 2);
    put(out, 20, t.getNano() / 1_000_000, 3);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static void put(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * The first break in {@code events} (a whole log, several tenants mixed, in log order), or empty when every
   * tenant's chain is intact. "First" means the break shown by the earliest record.
   */
  public static Optional<ChainBreak> verify(List<TenantEvent> events) {
    return verifyAll(events).stream().findFirst();
  }

  /** The first break of each broken tenant, ordered by the record that shows it. */
  public static List<ChainBreak> verifyAll(Iterable<TenantEvent> events) {
    ChainVerifier verifier = new ChainVerifier();
    events.forEach(verifier::accept);
    return verifier.finish();
  }

  // Written field by field, keys in their sorted order, rather than through an ObjectNode: it is the costly
  // part of sealing and of verifying, and a verification of a long log does it for every event.
  private static String canonicalForm(TenantEvent event, long sequence, String previousHash) {
    return canonicalForm(event, sequence, previousHash, null);
  }

  /** The canonical form; {@code dataJson} is the data's canonical text when already written, else null. */
  private static String canonicalForm(TenantEvent event, long sequence, String previousHash, String dataJson) {
    StringBuilder form = new StringBuilder(512);
    form.append("{\"data\":");
    if (dataJson != null) {
      form.append(dataJson);
    } else {
      CanonicalJson.write(event.dataView(), form);
    }
    form.append(",\"previousHash\":");
    CanonicalJson.writeString(previousHash, form);
    form.append(",\"requestId\":");
    CanonicalJson.writeString(event.requestId(), form);
    form.append(",\"sequence\":").append(sequence).append(",\"tenant\":");
    CanonicalJson.writeString(event.tenant(), form);
    form.append(",\"time\":\"").append(formatTime(event.time())).append("\",\"type\":");
    CanonicalJson.writeString(event.type().ceType(), form);
    return form.append('}').toString();
  }

  private static String sha256(String text) {
    MessageDigest digest = SHA256.get();
    return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime lacks SHA-256, which every runtime must have", e);
    }
  }
}
