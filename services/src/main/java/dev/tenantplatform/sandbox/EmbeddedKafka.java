package dev.tenantplatform.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker, KRaft mode, single node, in this JVM, listening on loopback only. Its log
 * and its ports live in the data folder, so a restart finds the same topics and records on the same
 * address.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String LOOPBACK = "127.0.0.1";

  private final KafkaRaftServer server;
  private final int port;

  private EmbeddedKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code dir} on first use and starts the broker. The ports chosen on first start are kept in
   * {@code dir/ports.properties} and reused while they are free.
   */
  public static EmbeddedKafka start(Path dir) {
    try {
      Files.createDirectories(dir);
      int[] ports = ports(dir);
      Properties props = brokerProperties(dir, ports[0], ports[1]);
      Path cfg = dir.resolve("server.properties");
      try (Writer w = Files.newBufferedWriter(cfg)) {
        props.store(w, "written by tenant-platform on every start");
      }
      format(dir, cfg);
      var server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      LOG.info("Kafka broker (KRaft) serving on {}:{}, log in {}", LOOPBACK, ports[0], dir);
      return new EmbeddedKafka(server, ports[0]);
    } catch (IOException e) {
      throw new SandboxException("cannot prepare the Kafka data folder " + dir + ": " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker on port {} stopped", port);
  }

  private static void format(Path dir, Path cfg) {
    // StorageTool.execute returns an exit code instead of calling System.exit, so it is safe in-process;
    // --ignore-formatted keeps the cluster id of an existing log.
    String[] args = {"format", "-t", clusterId(dir), "-c", cfg.toString(), "--ignore-formatted"};
    int rc = StorageTool.execute(args, new PrintStream(OutputStream.nullOutputStream()));
    if (rc != 0) {
      throw new SandboxException("formatting the Kafka log in " + dir + " failed with exit code " + rc);
    }
  }

  private static String clusterId(Path dir) {
    Path file = dir.resolve("cluster.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id);
      return id;
    } catch (IOException e) {
      throw new SandboxException("cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  private static int[] ports(Path dir) throws IOException {
    Path file = dir.resolve("ports.properties");
    Properties saved = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file)) {
        saved.load(r);
      }
    }
    int broker = FreePorts.reuseOrPick(Integer.parseInt(saved.getProperty("broker", "0")));
    int controller = FreePorts.reuseOrPick(Integer.parseInt(saved.getProperty("controller", "0")), broker);
    saved.setProperty("broker", Integer.toString(broker));
    saved.setProperty("controller", Integer.toString(controller));
    try (Writer w = Files.newBufferedWriter(file)) {
      saved.store(w, "ports of the embedded Kafka broker, reused on restart while free");
    }
    return new int[] {broker, controller};
  }

  private static Properties brokerProperties(Path dir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("log").toString());
    // One node: every internal topic must accept a replication factor of one, or consumers wait forever.
    for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
        "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
        "share.coordinator.state.topic.min.isr")) {
      p.put(key, "1");
    }
    p.put("offsets.topic.num.partitions", "4");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    return p;
  }
}
