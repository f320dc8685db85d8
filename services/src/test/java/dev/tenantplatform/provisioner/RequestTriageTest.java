package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.RequestEnvelope;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestTriageTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private final CloudEventCodec codec = new CloudEventCodec();
  private final RequestTriage triage = new RequestTriage(codec, new RequestValidator(), 3);

  static List<BadRequestCorpus.Bad> corpus() {
    return BadRequestCorpus.all();
  }

  @Test
  void theCorpusHoldsAtLeastThirtyDistinctMistakes() {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(30).extracting(BadRequestCorpus.Bad::name).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyBadRecordBecomesADeadLetterWithAReasonAPersonCanActOn(BadRequestCorpus.Bad bad) {
    Verdict verdict = judge(bad.value(), Optional.empty(), 0);

    assertThat(verdict).isInstanceOfSatisfying(Verdict.DeadLetter.class, dead -> {
      assertThat(dead.code()).isEqualTo(bad.code());
      assertThat(dead.reason()).contains(bad.reasonContains()).hasSizeGreaterThan(15);
      assertThat(dead.tellsTenant() ? dead.tenant() : null).as("tenant told").isEqualTo(bad.tenant());
    });
  }

  @Test
  void aBareVersionIsCompletedNotRejected() {
    Verdict verdict = judge(create("acme", ClusterSpec.UNCHANGED.withVersion("v1.32.8")), Optional.empty(), 0);

    assertThat(verdict).isInstanceOfSatisfying(Verdict.Create.class,
        create -> assertThat(create.spec()).isEqualTo(ClusterSpec.DEFAULTS.withVersion("v1.32.8")));
  }

  @Test
  void aCreateGetsTheSeedDefaults() {
    assertThat(judge(create("acme", ClusterSpec.UNCHANGED), Optional.empty(), 0))
        .isInstanceOfSatisfying(Verdict.Create.class, c -> assertThat(c.spec()).isEqualTo(ClusterSpec.DEFAULTS));
  }

  @Test
  void anUpdateJumpingTwoMinorsIsRejectedAsK0smotronWould() {
    byte[] update = codec.encodeRequest(TenantRequest.update("acme", "ops",
        ClusterSpec.UNCHANGED.withVersion("v1.34.1+k0s.0")));

    Verdict verdict = judge(update, Optional.of(live("acme", ClusterSpec.DEFAULTS)), 1);

    assertThat(verdict).isInstanceOfSatisfying(Verdict.DeadLetter.class,
        dead -> assertThat(dead.reason()).contains("minor"));
  }

  @Test
  void anUpdateChangesOnlyWhatItNames() {
    byte[] update = codec.encodeRequest(TenantRequest.update("acme", "ops", ClusterSpec.UNCHANGED.withWorkers(5)));

    assertThat(judge(update, Optional.of(live("acme", ClusterSpec.DEFAULTS)), 1))
        .isInstanceOfSatisfying(Verdict.Update.class, u -> {
          assertThat(u.spec()).isEqualTo(ClusterSpec.DEFAULTS.withWorkers(5));
          assertThat(u.previous()).isEqualTo(ClusterSpec.DEFAULTS);
        });
  }

  @Test
  void deleteOrUpdateOfAnUnknownTenantIsRejected() {
    assertThat(judge(codec.encodeRequest(TenantRequest.delete("ghost", "ops")), Optional.empty(), 0))
        .isInstanceOfSatisfying(Verdict.DeadLetter.class, dead -> {
          assertThat(dead.reason()).contains("'ghost' has no cluster to delete");
          assertThat(dead.tellsTenant()).isTrue();
        });
    assertThat(judge(codec.encodeRequest(TenantRequest.update("ghost", "ops", ClusterSpec.UNCHANGED.withWorkers(1))),
        Optional.empty(), 0)).isInstanceOf(Verdict.DeadLetter.class);
  }

  @Test
  void aDeletedTenantCanBeCreatedAgainButNotDeletedTwice() {
    TenantRecord deleted = new TenantRecord("acme", new ChainHead("acme", 9, "a".repeat(64)), ClusterSpec.DEFAULTS,
        Lifecycle.DELETED);

    assertThat(judge(create("acme", ClusterSpec.UNCHANGED), Optional.of(deleted), 0)).isInstanceOf(Verdict.Create.class);
    assertThat(judge(codec.encodeRequest(TenantRequest.delete("acme", "ops")), Optional.of(deleted), 0))
        .isInstanceOf(Verdict.DeadLetter.class);
  }

  @Test
  void aSecondCreateOfALiveTenantIsRejected() {
    assertThat(judge(create("acme", ClusterSpec.UNCHANGED), Optional.of(live("acme", ClusterSpec.DEFAULTS)), 1))
        .isInstanceOfSatisfying(Verdict.DeadLetter.class,
            dead -> assertThat(dead.reason()).contains("already has a cluster"));
  }

  @Test
  void aCreateBeyondTheQuotaIsRejected() {
    assertThat(judge(create("acme", ClusterSpec.UNCHANGED), Optional.empty(), 3))
        .isInstanceOfSatisfying(Verdict.DeadLetter.class, dead -> {
          assertThat(dead.code()).isEqualTo(DeadLetterReason.INVALID);
          assertThat(dead.reason()).contains("quota exceeded", "3 tenants");
        });
  }

  @Test
  void aRedeliveredRequestIsRecognisedBeforeItIsJudgedAgain() {
    byte[] value = create("acme", ClusterSpec.UNCHANGED);
    RequestEnvelope envelope = triage.read(value).envelope();

    Verdict verdict = triage.judge(envelope, Optional.of(live("acme", ClusterSpec.DEFAULTS)),
        Optional.of(EventType.TENANT_ACCEPTED), 1, NOW);

    assertThat(verdict).isInstanceOfSatisfying(Verdict.Redelivered.class,
        r -> assertThat(r.outcome()).isEqualTo(EventType.TENANT_ACCEPTED));
  }

  private Verdict judge(byte[] value, Optional<TenantRecord> record, int live) {
    RequestTriage.Read read = triage.read(value);
    return read.deadLetter() != null ? read.deadLetter()
        : triage.judge(read.envelope(), record, Optional.empty(), live, NOW);
  }

  private byte[] create(String tenant, ClusterSpec cluster) {
    return codec.encodeRequest(TenantRequest.create(tenant, "ops", cluster));
  }

  private static TenantRecord live(String tenant, ClusterSpec spec) {
    return new TenantRecord(tenant, new ChainHead(tenant, 2, "b".repeat(64)), spec, Lifecycle.LIVE);
  }
}
