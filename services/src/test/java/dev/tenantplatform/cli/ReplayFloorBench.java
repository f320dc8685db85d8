package dev.tenantplatform.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantplatform.audit.fold.AuditFold;
import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.AuditReport;
import dev.tenantplatform.audit.fold.AuditTopics;
import dev.tenantplatform.audit.fold.LogRecord;
import dev.tenantplatform.audit.fold.ReportFormat;
import dev.tenantplatform.audit.fold.Window;
import dev.tenantplatform.events.ChainVerifier;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a replay's time goes, without Kafka: the records of {@link ReplayBench}'s log held in memory, and each
 * step of reading them timed on one thread in CPU time (so that other work on the machine hardly moves the
 * figures), in microseconds per record. The first lines are the floor — the work no replay that verifies can
 * skip: reading each record's bytes once and hashing about as many bytes with SHA-256. The requests, one record
 * in eight, are also timed alone, in microseconds per request.
 *
 * <p>Run it as {@link ReplayBench} is run, with {@code dev.tenantplatform.cli.ReplayFloorBench [EVENTS]}
 * (200,000 events by default).
 */
public final class ReplayFloorBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final MessageDigest SHA256 = newSha256();

  private ReplayFloorBench() {
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    List<LogRecord> log = log(events / 7);
    List<LogRecord> requests = log.stream().filter(r -> r.topic().equals(Topics.REQUESTS.name())).toList();
    CloudEventCodec codec = new CloudEventCodec();
    AuditQuery query = AuditQuery.history(AuditTopics.PLATFORM, Window.WHOLE_LOG, null, true);
    System.out.printf(Locale.ROOT, "%,d records in memory, %,d bytes of values%n", log.size(),
        log.stream().mapToLong(r -> r.value().length).sum());
    for (int round = 1; round <= 3; round++) {
      System.out.printf(Locale.ROOT, "round %d (µs of CPU per record, one thread)%n", round);
      time("floor: tokens of each record (Jackson streaming parser)", log, r -> tokens(r.value()));
      time("floor: SHA-256 of each record's bytes", log, r -> sha256(r.value()));
      time("JSON tree of each record (readTree)", log, r -> tree(r.value()));
      time("decode (codec: events and requests)", log, r -> decode(codec, r));
      time("decode of the requests alone (per request)", requests, r -> decode(codec, r));
      time("decode + hash and id check of events", log, r -> {
        Object read = decode(codec, r);
        if (read instanceof TenantEvent event) {
          ChainVerifier.alteration(event);
        }
      });
      AuditReport[] report = new AuditReport[1];
      timeAll("whole fold (decode, check, fold, report)", log, () -> {
        AuditFold fold = new AuditFold(query);
        log.forEach(fold::accept);
        report[0] = fold.report();
      });
      timeAll("table rendering of that report", log, () -> render(report[0]));
    }
  }

  /** The log of {@link ReplayBench}, as the replay's fold sees it: three partitions, records keyed by tenant. */
  private static List<LogRecord> log(int tenants) {
    CloudEventCodec codec = new CloudEventCodec();
    Instant start = Instant.now().minus(Duration.ofDays(1));
    Map<String, Long> offsets = new HashMap<>();
    List<LogRecord> log = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      for (ProducerRecord<String, byte[]> record : ReplayBench.life(codec, "tenant-" + i, start.plusMillis(i))) {
        int partition = i % 3;
        long offset = offsets.merge(record.topic() + partition, 1L, Long::sum) - 1;
        log.add(new LogRecord(record.topic(), partition, offset, record.timestamp(), record.key(), record.value(),
            Map.of()));
      }
    }
    return log;
  }

  private static void time(String what, List<LogRecord> log, Consumer<LogRecord> step) {
    timeAll(what, log, () -> log.forEach(step));
  }

  private static void timeAll(String what, List<LogRecord> log, Runnable step) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    step.run();
    double micros = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / log.size();
    System.out.printf(Locale.ROOT, "  %-52s %7.2f µs  (%,.0f records/s per core)%n", what, micros, 1e6 / micros);
  }

  /** Reads {@code value}'s JSON token by token, taking each value's text: thread-safe. */
  static void tokens(byte[] value) {
    try (JsonParser parser = FACTORY.createParser(value)) {
      while (parser.nextToken() != null) {
        if (parser.currentToken().isScalarValue()) {
          parser.getText();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void tree(byte[] value) {
    try {
      JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sha256(byte[] value) {
    SHA256.digest(value);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object decode(CloudEventCodec codec, LogRecord record) {
    return record.topic().equals(Topics.EVENTS.name()) ? codec.decodeEvent(record.value())
        : codec.decodeRequestRecord(record.value());
  }

  private static void render(AuditReport report) {
    try {
      ReportFormat.TABLE.render(report, Writer.nullWriter());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
