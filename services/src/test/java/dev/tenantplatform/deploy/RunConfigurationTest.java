package dev.tenantplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.cli.Main;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What each rendered Deployment gives {@code tenant-platform run} is what run reads, and all it requires. */
class RunConfigurationTest {

  /**
   * Clustered mode's keys (Hazelcast Kubernetes discovery through the headless Service, the member's address and
   * ports), set ahead of {@code run --cluster}: while run has no {@code --cluster} option they are left alone;
   * once it has, each must be one it reads, like every other key.
   */
  static final Set<String> CLUSTER_KEYS = Set.of("TENANT_PLATFORM_CLUSTER",
      "TENANT_PLATFORM_CLUSTER_KUBERNETES_SERVICE", "TENANT_PLATFORM_CLUSTER_KUBERNETES_NAMESPACE",
      "TENANT_PLATFORM_CLUSTER_HOST", "TENANT_PLATFORM_CLUSTER_PORT");

  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)");
  private static final Pattern ENV_DESCRIBED = Pattern.compile("environment variable ([A-Z][A-Z0-9_]*)");

  static Stream<String> overlays() {
    return Stream.concat(Stream.of("base"), Manifests.OVERLAYS.stream());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyEnvironmentVariableTheDeploymentSetsIsOneRunReads(String dir) {
    Set<String> read = readByRun();
    boolean clustered = run().findOption("--cluster") != null;
    Set<String> unread = new TreeSet<>(environment(Manifests.render(dir)).keySet());
    unread.removeAll(read);
    if (!clustered) {
      unread.removeAll(CLUSTER_KEYS);
    }
    assertThat(unread).as("variables set in deploy/%s that `run` does not read (it reads %s)", dir, read).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theArgumentsAreARunCommandLineAndEverythingRunRequiresIsGiven(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    Container container = KustomizeRenderTest.container(Manifests.platform(objects));
    List<String> args = new ArrayList<>(container.getArgs());
    assertThat(args).first().isEqualTo("run");
    Map<String, String> env = environment(objects);
    for (OptionSpec option : run().options()) {
      if (option.required()) {
        Matcher variable = ENV_DEFAULT.matcher(String.valueOf(option.defaultValueString(false)));
        assertThat(variable.find() && env.containsKey(variable.group(1)) || args.contains(option.longestName()))
            .as("%s (required by run) is given in deploy/%s", option.longestName(), dir).isTrue();
        // The value itself comes from the environment in the pod; any value parses here.
        args.addAll(List.of(option.longestName(), option.longestName().equals("--kafka") ? "kafka:9092" : "x"));
      }
    }
    new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theTokenKeysFileLiesInAMountedVolume(String dir) {
    List<HasMetadata> objects = Manifests.render(dir);
    String keys = environment(objects).get("TENANT_PLATFORM_TOKEN_KEYS");
    assertThat(KustomizeRenderTest.container(Manifests.platform(objects)).getVolumeMounts())
        .anySatisfy(mount -> assertThat(keys).startsWith(mount.getMountPath() + "/"));
  }

  @Test
  void onKindThePlatformTalksToTheKafkaClusterTheOverlayRunsAndLeavesTheTopicsToIt() {
    List<HasMetadata> objects = Manifests.render("overlays/kind");
    GenericKubernetesResource kafka = (GenericKubernetesResource) Manifests.ofKind(objects, "Kafka").get(0);
    String name = kafka.getMetadata().getName();
    String namespace = kafka.getMetadata().getNamespace();
    List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
    Map<String, Object> plain = listeners.stream().filter(l -> Boolean.FALSE.equals(l.get("tls"))).findFirst()
        .orElseThrow(() -> new AssertionError("the kind Kafka has no plain listener"));
    assertThat(environment(objects)).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
        name + "-kafka-bootstrap." + namespace + ".svc:" + plain.get("port"));
    assertThat(Manifests.ofKind(objects, "KafkaTopic")).hasSize(3).allSatisfy(topic -> {
      assertThat(topic.getMetadata().getNamespace()).isEqualTo(namespace);
      assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", name);
    });
    assertThat(Manifests.ofKind(objects, "KafkaNodePool")).singleElement().satisfies(pool -> assertThat(
        ((Number) ((GenericKubernetesResource) pool).get("spec", "replicas")).intValue()).isEqualTo(3));
    assertThat(KustomizeRenderTest.container(Manifests.platform(objects)).getArgs()).contains("--no-create-topics");
    assertThat((Object) kafka.get("spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);
  }

  @Test
  void inProductionKafkaIsReachedOverTlsWithSaslAndEveryCredentialIsAReference() {
    List<HasMetadata> objects = Manifests.render("overlays/production");
    assertThat(Manifests.ofKind(objects, "Secret")).as("secret values in the repository").isEmpty();
    Map<String, String> env = environment(objects);
    assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsKey("KAFKA_SASL_USERNAME");
    assertThat(env.get("KAFKA_SASL_PASSWORD")).as("a password written into the manifests").isNull();
    Deployment deployment = Manifests.platform(objects);
    Container container = KustomizeRenderTest.container(deployment);
    assertThat(container.getEnv()).filteredOn(v -> v.getName().equals("KAFKA_SASL_PASSWORD")).singleElement()
        .satisfies(v -> assertThat(v.getValueFrom().getSecretKeyRef()).isNotNull());
    String truststore = env.get("KAFKA_SSL_TRUSTSTORE");
    List<String> secretVolumes = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getSecret() != null).map(Volume::getName).toList();
    assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
      assertThat(truststore).startsWith(mount.getMountPath() + "/");
      assertThat(secretVolumes).contains(mount.getName());
    });
  }

  private static CommandSpec run() {
    return new CommandLine(new Main()).getSubcommands().get("run").getCommandSpec();
  }

  /** The variables `run` reads: the defaults of its options, and those its help names as read from the environment. */
  static Set<String> readByRun() {
    Set<String> read = new TreeSet<>();
    for (OptionSpec option : run().options()) {
      Matcher fromDefault = ENV_DEFAULT.matcher(String.valueOf(option.defaultValueString(false)));
      while (fromDefault.find()) {
        read.add(fromDefault.group(1));
      }
      Matcher described = ENV_DESCRIBED.matcher(String.join(" ", option.description()));
      while (described.find()) {
        read.add(described.group(1));
      }
    }
    return read;
  }

  /**
   * The platform container's environment with literal values: its own entries and the ConfigMaps it reads whole.
   * Entries from a Secret or a field appear with a null value.
   */
  static Map<String, String> environment(List<HasMetadata> objects) {
    Container container = KustomizeRenderTest.container(Manifests.platform(objects));
    Map<String, String> env = new TreeMap<>();
    container.getEnvFrom().forEach(source -> Manifests.all(objects, ConfigMap.class).stream()
        .filter(map -> map.getMetadata().getName().equals(source.getConfigMapRef().getName()))
        .forEach(map -> env.putAll(map.getData())));
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }
}
