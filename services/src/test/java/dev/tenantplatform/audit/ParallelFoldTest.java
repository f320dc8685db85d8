package dev.tenantplatform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.audit.fold.AuditFold;
import dev.tenantplatform.audit.fold.AuditLog;
import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.AuditReport;
import dev.tenantplatform.audit.fold.AuditTopics;
import dev.tenantplatform.audit.fold.LogRecord;
import dev.tenantplatform.audit.fold.Window;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ParallelFoldTest {

  private static final AuditTopics TOPICS = AuditTopics.PLATFORM;
  private static final CloudEventCodec CODEC = new CloudEventCodec();

  @Test
  void sharesFoldedOnTheirOwnThreadsGiveTheReportOfOneFold() {
    List<LogRecord> log = log(60, 5);
    AuditQuery query = AuditQuery.history(TOPICS, Window.WHOLE_LOG, null, true);
    AuditFold one = new AuditFold(query);
    log.forEach(one::accept);
    AuditReport expected = one.report();

    for (int shares = 1; shares <= 4; shares++) {
      AuditReport report;
      try (ParallelFold fold = new ParallelFold(query, shares)) {
        for (int from = 0; from < log.size(); from += 37) {
          fold.accept(log.subList(from, Math.min(log.size(), from + 37)));
        }
        report = fold.report();
      }

      assertThat(report).as("%d shares", shares).isEqualTo(expected);
    }
    assertThat(expected.verification().intact()).isTrue();
    assertThat(expected.tenants()).hasSize(60);
  }

  @Test
  void aShareForEachPartitionNumberUpToTwiceTheCoresAndAnEvenSplitBeyond() {
    assertThat(ParallelFold.sharesFor(plan(3), 2)).isEqualTo(3);
    assertThat(ParallelFold.sharesFor(plan(1), 8)).isEqualTo(1);
    assertThat(ParallelFold.sharesFor(plan(12), 2)).isEqualTo(4);
    assertThat(ParallelFold.sharesFor(plan(7), 2)).isEqualTo(4);
    assertThat(ParallelFold.sharesFor(plan(30), 4)).isEqualTo(6);
  }

  /** {@code tenants} onboarded, each on partition {@code tenant % partitions} of every topic, interleaved. */
  private static List<LogRecord> log(int tenants, int partitions) {
    Map<String, Long> offsets = new HashMap<>();
    List<List<LogRecord>> lives = new ArrayList<>();
    Instant start = Instant.parse("2026-03-04T05:06:07.890Z");
    for (int i = 0; i < tenants; i++) {
      TenantRequest create = AuditLog.createRequest("tenant-" + i);
      Instant at = start.plusMillis(i);
      List<LogRecord> life = new ArrayList<>();
      life.add(record(offsets, TOPICS.requests(), i % partitions, at, create.tenant(),
          CODEC.encodeRequest(create, URI.create("/tenant-platform/api"), at)));
      for (TenantEvent event : AuditLog.onboarding(create, at)) {
        life.add(record(offsets, TOPICS.events(), i % partitions, event.time(), create.tenant(),
            CODEC.encodeEvent(event)));
      }
      lives.add(life);
    }
    // Round robin over the tenants: the records of a partition stay in their order, partitions interleave.
    List<LogRecord> log = new ArrayList<>();
    IntStream.range(0, lives.get(0).size()).forEach(step -> lives.forEach(life -> log.add(life.get(step))));
    return log;
  }

  private static LogRecord record(Map<String, Long> offsets, String topic, int partition, Instant time, String key,
      byte[] value) {
    long offset = offsets.merge(topic + "-" + partition, 1L, Long::sum) - 1;
    return new LogRecord(topic, partition, offset, time.toEpochMilli(), key, value, Map.of());
  }

  private static ScanPlan plan(int partitions) {
    Map<TopicPartition, ScanPlan.Range> ranges = new HashMap<>();
    for (String topic : TOPICS.all()) {
      for (int p = 0; p < partitions; p++) {
        ranges.put(new TopicPartition(topic, p), new ScanPlan.Range(0, 10));
      }
    }
    return new ScanPlan(ranges);
  }
}
