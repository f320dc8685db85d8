package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashChainTest {

  private static final String REQUEST_ID = EventSamples.REQUEST_ID;

  private static TenantEvent goldenFirst() {
    return HashChain.next(ChainHead.genesis("acme"), TenantEvent.unsealed(EventType.TENANT_READY, "acme",
        REQUEST_ID, EventSamples.T0, EventData.ready(Duration.ofMillis(61_234), Duration.ofMillis(48_500),
            Duration.ofSeconds(95))));
  }

  private static TenantEvent goldenSecond(TenantEvent first) {
    return HashChain.next(ChainHead.of(first), TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, "acme",
        REQUEST_ID, Instant.parse("2026-01-02T03:14:05Z"),
        EventData.degraded("control plane \"kmc-acme\" not ready:\n\tpods 2/3 \u0001 é ✓ 𝄞", "controlPlane")));
  }

  // The values below were computed once, independently, with Python's json.dumps(sort_keys=True,
  // separators=(",", ":"), ensure_ascii=False) and hashlib.sha256. If this test fails, the canonical form has
  // changed and every stored chain would stop verifying: change the code back, not the numbers.
  @Test
  void theCanonicalFormIsPinned() {
    TenantEvent first = goldenFirst();
    TenantEvent second = goldenSecond(first);

    assertThat(HashChain.canonicalForm(first)).isEqualTo("{\"data\":{\"controlPlaneReadySeconds\":61.234,"
        + "\"provisionedSeconds\":48.5,\"readySeconds\":95},\"previousHash\":\"" + "0".repeat(64) + "\","
        + "\"requestId\":\"6f1c2a9e-0b7d-4c1e-9a53-2f0e8d4b7c11\",\"sequence\":1,\"tenant\":\"acme\","
        + "\"time\":\"2026-01-02T03:04:05.678Z\",\"type\":\"dev.tenantplatform.tenant.ready.v1\"}");
    assertThat(first.hash()).isEqualTo("82a106a2895e911e3f8b3e2545b5f87da66f57267b2f03d74e0a458e720a87ca");
    assertThat(HashChain.canonicalForm(second)).isEqualTo("{\"data\":{\"reason\":\"control plane \\\"kmc-acme\\\""
        + " not ready:\\n\\tpods 2/3 \\u0001 é ✓ 𝄞\",\"stage\":\"controlPlane\"},\"previousHash\":\""
        + "82a106a2895e911e3f8b3e2545b5f87da66f57267b2f03d74e0a458e720a87ca\",\"requestId\":\""
        + "6f1c2a9e-0b7d-4c1e-9a53-2f0e8d4b7c11\",\"sequence\":2,\"tenant\":\"acme\",\"time\":\""
        + "2026-01-02T03:14:05.000Z\",\"type\":\"dev.tenantplatform.cluster.degraded.v1\"}");
    assertThat(second.hash()).isEqualTo("677bb81c9a8a1782a09b43b0dd199a4f832283026858cdd5e7199d3812ed5efe");
  }

  @Test
  void sealingGivesTheNextSequenceLinksToTheHeadAndSetsTheId() {
    TenantEvent first = goldenFirst();
    TenantEvent second = goldenSecond(first);

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(HashChain.GENESIS).hasSize(64).matches("0+");
    assertThat(first.id()).isEqualTo(TenantEvent.idFor("acme", 1));
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(second.hash()).isEqualTo(HashChain.hash(second)).matches("[0-9a-f]{64}");
    assertThat(ChainHead.of(second)).isEqualTo(new ChainHead("acme", 2, second.hash()));
  }

  @Test
  void anEventIsSealedOnceAndOnlyIntoItsOwnTenantsChain() {
    TenantEvent first = goldenFirst();
    TenantEvent globex = TenantEvent.unsealed(EventType.TENANT_DELETED, "globex", "r1", EventSamples.T0, null);

    assertThatThrownBy(() -> HashChain.next(ChainHead.of(first), first)).hasMessageContaining("already sealed");
    assertThatThrownBy(() -> HashChain.next(ChainHead.of(first), globex))
        .hasMessageContaining("an event of globex cannot extend the chain of acme");
    assertThatThrownBy(() -> HashChain.canonicalForm(globex)).hasMessageContaining("unsealed");
    assertThatThrownBy(() -> ChainHead.of(globex)).hasMessageContaining("not sealed");
  }

  @Test
  void timesAreHashedWithExactlyThreeFractionDigits() {
    assertThat(HashChain.formatTime(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
    assertThat(HashChain.formatTime(Instant.parse("2026-01-02T03:04:05.6Z"))).isEqualTo("2026-01-02T03:04:05.600Z");
  }

  @Test
  void anIntactLogVerifies() {
    List<TenantEvent> life = EventSamples.lifeOf("acme");

    assertThat(HashChain.verify(life)).isEmpty();
    assertThat(HashChain.verifyAll(life)).isEmpty();
  }
}
