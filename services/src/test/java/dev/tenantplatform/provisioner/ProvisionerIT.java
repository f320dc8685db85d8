package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.testing.FreshGroup;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import dev.tenantplatform.testing.TopicReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provisioner through the real broker, the embedded API and the simulated controllers. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final CloudEventCodec codec = new CloudEventCodec();
  private String group;
  private KafkaCluster kafka;
  private Vertx vertx;
  private EmbeddedKubernetes kube;
  private ManagementClusterSimulator controllers;
  private Ledger ledger;
  private String provisioner;
  private KafkaProducer<String, byte[]> producer;

  @BeforeAll
  void start(KafkaCluster kafka) {
    this.kafka = kafka;
    group = FreshGroup.atEnd(kafka, "provisioner-it-");
    vertx = Vertx.vertx();
    kube = EmbeddedKubernetes.start(null);
    controllers = ManagementClusterSimulator.start(kube.controllersClient(), SimulatorProfile.INSTANT);
    ledger = join(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    provisioner = deployProvisioner();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  void stop() {
    producer.close();
    join(vertx.close());
    controllers.close();
    kube.close();
  }

  @Test
  void everyBadRecordIsDeadLetteredWithItsReasonAndAValidRequestAfterThemCompletes() {
    Map<Long, BadRequestCorpus.Bad> sent = new HashMap<>();
    Map<Long, Integer> partitions = new HashMap<>();
    for (BadRequestCorpus.Bad bad : BadRequestCorpus.all()) {
      RecordMetadata at = send("corpus", bad.value());
      sent.put(at.offset(), bad);
      partitions.put(at.offset(), at.partition());
    }
    String tenant = tenant("after-bad");
    TenantRequest valid = TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED);
    send(tenant, codec.encodeRequest(valid));

    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_APPLIED));
    // The valid request runs in its own lane: the corpus, all under one key, may still be finishing.
    await().atMost(PATIENCE).untilAsserted(() -> {
      var letters = TopicReader.readAll(kafka.bootstrapServers(), Topics.DLQ.name()).stream()
          .filter(r -> "corpus".equals(r.key())).map(TopicReader::headers)
          .collect(Collectors.toMap(h -> Long.parseLong(h.get(Topics.DLQ_SOURCE_OFFSET)), h -> h, (a, b) -> a));
      sent.forEach((offset, bad) -> {
        assertThat(letters).as(bad.name() + " is in the DLQ").containsKey(offset);
        Map<String, String> headers = letters.get(offset);
        assertThat(headers.get(Topics.DLQ_REASON)).as(bad.name()).contains(bad.reasonContains());
        assertThat(headers.get(Topics.DLQ_REASON_CODE)).as(bad.name()).isEqualTo(bad.code().label());
        assertThat(headers.get(Topics.DLQ_SOURCE_PARTITION)).isEqualTo(partitions.get(offset).toString());
      });
    });
    long toldAcme = sent.values().stream().filter(b -> "acme".equals(b.tenant())).count();
    assertThat(events("acme").stream().filter(e -> e.type() == EventType.TENANT_REJECTED).count())
        .as("each bad record naming tenant acme gave it one tenant.rejected").isGreaterThanOrEqualTo(toldAcme);
  }

  @Test
  void aTenantIsCreatedScaledUpgradedAndDeletedThroughKafka() {
    String tenant = tenant("life");
    TenantNames names = new TenantNames(tenant);
    send(tenant, codec.encodeRequest(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED)));
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_APPLIED));
    GenericKubernetesResource cluster = get(Kinds.CLUSTER, names.namespace(), names.cluster());
    assertThat(cluster.getMetadata().getLabels()).containsEntry("cni", "calico");
    GenericKubernetesResource controlPlane = get(Kinds.K0SMOTRON_CONTROL_PLANE, names.namespace(),
        names.controlPlane());
    assertThat((Object) controlPlane.get("spec", "service", "apiPort")).as("a NodePort of its own")
        .isInstanceOf(Integer.class).isNotEqualTo(30443);

    send(tenant, codec.encodeRequest(TenantRequest.update(tenant, "ops", ClusterSpec.UNCHANGED.withWorkers(4))));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat((Object) get(Kinds.MACHINE_DEPLOYMENT,
        names.namespace(), names.machineDeployment()).get("spec", "replicas")).isEqualTo(4));
    send(tenant, codec.encodeRequest(TenantRequest.update(tenant, "ops",
        ClusterSpec.UNCHANGED.withVersion("v1.33.4+k0s.0"))));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat((Object) get(Kinds.K0SMOTRON_CONTROL_PLANE,
        names.namespace(), names.controlPlane()).get("spec", "version")).isEqualTo("v1.33.4+k0s.0"));

    send(tenant, codec.encodeRequest(TenantRequest.delete(tenant, "ops")));
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_DELETED));
    assertThat(kube.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace(names.namespace())
        .withName(names.cluster()).get()).isNull();
    assertThat(kube.client().namespaces().withName(names.namespace()).get()).isNull();
    List<TenantEvent> chain = events(tenant);
    assertThat(HashChain.verify(chain)).isEmpty();
    assertThat(chain).extracting(TenantEvent::type).containsSubsequence(EventType.TENANT_ACCEPTED,
        EventType.CLUSTER_APPLIED, EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED,
        EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED, EventType.TENANT_ACCEPTED,
        EventType.TENANT_DELETING, EventType.TENANT_DELETED);
  }

  @Test
  void aRequestDeliveredTwiceAndRedeliveredAfterACrashActsOnce() throws Exception {
    String tenant = tenant("twice");
    byte[] create = codec.encodeRequest(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));
    RecordMetadata first = send(tenant, create);
    send(tenant, create);
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_APPLIED));

    // A crash before the commit: the group starts again from the request.
    join(vertx.undeploy(provisioner));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(first.topic(), first.partition()),
          new OffsetAndMetadata(first.offset()))).all().get(30, TimeUnit.SECONDS);
    }
    provisioner = deployProvisioner();
    send(tenant, codec.encodeRequest(TenantRequest.update(tenant, "ops", ClusterSpec.UNCHANGED.withWorkers(3))));
    await().atMost(PATIENCE).until(() -> types(tenant).stream().filter(EventType.CLUSTER_APPLIED::equals).count() == 2);

    List<EventType> types = types(tenant);
    assertThat(types).containsExactly(EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED,
        EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED);
    assertThat(kube.client().genericKubernetesResources(Kinds.CLUSTER.context())
        .inNamespace(new TenantNames(tenant).namespace()).list().getItems()).hasSize(1);
  }

  @Test
  void transientApiErrorsAreRetriedAndLastingOnesEndInClusterFailedWithTheApiMessage() {
    String flaky = tenant("flaky");
    String broken = tenant("broken");
    AtomicInteger flakyFailures = new AtomicInteger();
    kube.failWhen(call -> call.isWrite() && (("tenant-" + broken).equals(call.namespace())
        || ("tenant-" + flaky).equals(call.namespace()) && flakyFailures.incrementAndGet() <= 2));
    try {
      send(flaky, codec.encodeRequest(TenantRequest.create(flaky, "ops", ClusterSpec.UNCHANGED)));
      send(broken, codec.encodeRequest(TenantRequest.create(broken, "ops", ClusterSpec.UNCHANGED)));

      await().atMost(PATIENCE).until(() -> types(flaky).contains(EventType.CLUSTER_APPLIED));
      await().atMost(PATIENCE).until(() -> types(broken).contains(EventType.CLUSTER_FAILED));
      TenantEvent failed = events(broken).stream().filter(e -> e.type() == EventType.CLUSTER_FAILED).findFirst()
          .orElseThrow();
      assertThat(failed.data().path("reason").asText()).contains("503", "unavailable");
      assertThat(failed.data().path("stage").asText()).isEqualTo("apply");
    } finally {
      kube.failWhen(call -> false);
    }
  }

  private String deployProvisioner() {
    return join(Provisioner.deploy(vertx, ProvisionerConfig.defaults(kafka.bootstrapServers()).withGroupId(group)
        .withApiRetries(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100)))
        .withNodePorts(new dev.tenantplatform.kube.NodePortRange(31000, 31999)), kube.client(), ledger));
  }

  private RecordMetadata send(String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot produce to " + Topics.REQUESTS.name(), e);
    }
  }

  private List<TenantEvent> events(String tenant) {
    return TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS.name()).stream()
        .filter(r -> tenant.equals(r.key())).map(r -> codec.decodeEvent(r.value())).toList();
  }

  private List<EventType> types(String tenant) {
    return events(tenant).stream().map(TenantEvent::type).toList();
  }

  private GenericKubernetesResource get(dev.tenantplatform.kube.KubeKind kind, String namespace, String name) {
    GenericKubernetesResource found = kube.client().genericKubernetesResources(kind.context()).inNamespace(namespace)
        .withName(name).get();
    assertThat(found).as(kind.kind() + " " + namespace + "/" + name).isNotNull();
    return found;
  }

  private static String tenant(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
