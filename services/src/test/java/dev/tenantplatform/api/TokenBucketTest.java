package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesThenTheCallerWaitsForTheRefill() {
    TokenBucket bucket = new TokenBucket(3, 2, 0);
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).as("half a second until the next token at 2/s").isEqualTo(SECOND / 2);
    assertThat(bucket.take(SECOND / 2)).isZero();
  }

  @Test
  void aQuietCallerIsFullAgainAndNeverBeyondItsBurst() {
    TokenBucket bucket = new TokenBucket(2, 1, 0);
    bucket.take(0);
    assertThat(bucket.full(0)).isFalse();
    assertThat(bucket.full(10 * SECOND)).isTrue();
    assertThat(bucket.take(10 * SECOND)).isZero();
    assertThat(bucket.take(10 * SECOND)).isZero();
    assertThat(bucket.take(10 * SECOND)).isPositive();
  }
}
