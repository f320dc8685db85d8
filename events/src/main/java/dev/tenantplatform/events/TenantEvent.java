package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One step of a tenant's life, as written to {@code tenant.events}.
 *
 * <p>An event is made <em>unsealed</em> ({@link #unsealed}: sequence 0, no id, no hashes) and sealed by
 * {@link HashChain#next(ChainHead, TenantEvent)}, which gives it the tenant's next sequence, links it to the
 * previous event and computes its hash and id.
 *
 * <p><b>Id.</b> Deterministic: the name-based UUID (version 5, SHA-1) of {@code "<tenant>/<sequence>"} in the
 * namespace {@link #ID_NAMESPACE}, itself the version 5 UUID of the DNS name {@code tenantplatform.dev}. The
 * same event, recomputed after a crash, gets the same id, so consumers can drop what they have seen; in
 * Python: {@code uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_DNS, "tenantplatform.dev"), "acme/3")}.
 *
 * @param id deterministic id (see above); {@code null} while unsealed
 * @param type what happened
 * @param tenant whose life this is: a valid tenant name ({@link RequestValidator#isTenantName(String)})
 * @param sequence the tenant's 1, 2, 3 …, with no gap; 0 while unsealed
 * @param previousHash the previous event's hash, or {@link HashChain#GENESIS} for the first; {@code null} while
 *     unsealed
 * @param hash SHA-256 of the canonical form ({@link HashChain}); {@code null} while unsealed
 * @param requestId the request that caused the event
 * @param time when it happened, to the millisecond (finer parts are dropped)
 * @param data what the type carries ({@link EventType} lists the keys), in normal form: keys sorted, numbers
 *     normalised; never holds the chain fields' names
 */
public record TenantEvent(String id, EventType type, String tenant, long sequence, String previousHash,
    String hash, String requestId, Instant time, ObjectNode data) {

  /** Names the chain fields take beside the data on the wire; the data cannot use them. */
  public static final List<String> CHAIN_KEYS = List.of("tenant", "sequence", "requestId", "previousHash", "hash");

  // A digest per thread: every event read back has its id checked, and a lookup costs more than the digest.
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(TenantEvent::newSha1);

  /** The namespace of event ids: UUID v5 of the DNS name {@code tenantplatform.dev}. */
  public static final UUID ID_NAMESPACE = nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
      "tenantplatform.dev");

  public TenantEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    if (!RequestValidator.isTenantName(tenant)) {
      throw new IllegalArgumentException("'" + (tenant.length() <= 80 ? tenant : tenant.substring(0, 77) + "...")
          + "' cannot name a tenant (a DNS-1123 label of at most 40 characters): no event is written for it");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is negative: sequences start at 1");
    }
    if (sequence > 0 && (id == null || previousHash == null || hash == null)) {
      throw new IllegalArgumentException("event " + sequence + " of " + tenant
          + " has a sequence but no id, previousHash or hash: seal events with HashChain.next");
    }
    time = time.truncatedTo(ChronoUnit.MILLIS);
    data = CanonicalJson.normalizeObject(data == null ? JsonNodeFactory.instance.objectNode() : data);
    for (String key : CHAIN_KEYS) {
      if (data.has(key)) {
        throw new IllegalArgumentException("data of " + type + " cannot hold '" + key
            + "': it is a chain field of every event");
      }
    }
    List<String> missing = type.missingKeys(data);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(type + " needs data key(s) " + String.join(", ", missing)
          + (type.isRecovery(data) ? " (a recovery)" : "") + "; got " + data);
    }
  }

  /** An event not yet in the chain: {@link HashChain#next(ChainHead, TenantEvent)} seals it. */
  public static TenantEvent unsealed(EventType type, String tenant, String requestId, Instant time, ObjectNode data) {
    return new TenantEvent(null, type, tenant, 0, null, null, requestId, time, data);
  }

  /** A copy of the data; the event itself stays unchanged. */
  @Override
  public ObjectNode data() {
    return data.deepCopy();
  }

  /**
   * The data as JSON text in its canonical spelling (the one {@link HashChain} hashes): keys sorted, no
   * whitespace. What a report shows of an event without copying its data.
   */
  public String dataJson() {
    return CanonicalJson.write(data);
  }

  /** The data itself, for this package's readers that only read it (the hash chain): no copy. */
  ObjectNode dataView() {
    return data;
  }

  public boolean isSealed() {
    return sequence > 0;
  }

  /** The id the event at {@code sequence} of {@code tenant} has (see the class comment). */
  public static String idFor(String tenant, long sequence) {
    return nameBased(ID_NAMESPACE, tenant + "/" + sequence).toString();
  }

  /** This event with a sequence, a link and a hash: what {@link HashChain} does, and all it does. */
  TenantEvent sealed(long newSequence, String newPreviousHash, String newHash) {
    return new TenantEvent(idFor(tenant, newSequence), type, tenant, newSequence, newPreviousHash, newHash,
        requestId, time, data);
  }

  // RFC 4122 §4.3; Java ships only the MD5 flavour (version 3).
  private static UUID nameBased(UUID namespace, String name) {
    MessageDigest sha1 = SHA1.get();
    sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
        .putLong(namespace.getLeastSignificantBits()).array());
    byte[] digest = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    digest[6] = (byte) ((digest[6] & 0x0f) | 0x50);
    digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
    ByteBuffer bits = ByteBuffer.wrap(digest, 0, 16);
    return new UUID(bits.getLong(), bits.getLong());
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime lacks SHA-1, which every runtime must have", e);
    }
  }
}
