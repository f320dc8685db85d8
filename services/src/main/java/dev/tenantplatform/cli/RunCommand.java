package dev.tenantplatform.cli;

import dev.tenantplatform.app.Platform;
import dev.tenantplatform.api.TokenConfig;
import dev.tenantplatform.app.PlatformConfig;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.KafkaTopics;
import dev.tenantplatform.kube.RetryPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenant-platform run}: production; Kafka and the management cluster are given, nothing is embedded. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the platform against a real Kafka and a real management cluster (Cluster API with the"
        + " k0smotron providers). Nothing is embedded and there is no simulator."})
final class RunCommand implements Callable<Integer> {

  @Option(names = "--kafka", paramLabel = "HOST:PORT[,…]", required = true, defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
      description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).")
  String kafka;

  @Mixin
  KafkaSecurityOptions kafkaSecurity;

  @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:KUBECONFIG}",
      description = "Kubeconfig of the management cluster. Without it: the in-cluster service account, else"
          + " ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface of the HTTP API (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + PlatformConfig.DEFAULT_HTTP_PORT,
      description = "HTTP port of the API (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + PlatformConfig.DEFAULT_PARTITIONS,
      description = "Partitions of the platform's topics if it creates them (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Create missing topics at start (default: ${DEFAULT-VALUE}); turn off where topics are"
          + " managed elsewhere, e.g. as Strimzi KafkaTopic resources.")
  boolean createTopics;

  @Option(names = "--token-issuer", required = true, defaultValue = "${env:TENANT_PLATFORM_TOKEN_ISSUER}",
      description = "Issuer (iss) of the bearer tokens the API accepts, e.g. your Keycloak realm's URL"
          + " (env TENANT_PLATFORM_TOKEN_ISSUER).")
  String tokenIssuer;

  @Option(names = "--token-keys", paramLabel = "FILE", required = true,
      defaultValue = "${env:TENANT_PLATFORM_TOKEN_KEYS}",
      description = "The issuer's keys: a JWKS document or a PEM public key (env TENANT_PLATFORM_TOKEN_KEYS).")
  Path tokenKeys;

  @Option(names = "--token-algorithm", defaultValue = "RS256",
      description = "Algorithm of a PEM key (default: ${DEFAULT-VALUE}); a JWKS names its own.")
  String tokenAlgorithm;

  @Option(names = "--token-audience", defaultValue = "${env:TENANT_PLATFORM_TOKEN_AUDIENCE}",
      description = "Audience (aud) tokens must carry, if any (env TENANT_PLATFORM_TOKEN_AUDIENCE).")
  String tokenAudience;

  @Mixin
  ClusteringOptions cluster;

  @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "${env:TENANT_PLATFORM_STOP_TIMEOUT:-25}",
      description = "On SIGTERM or Ctrl+C: how long the graceful stop may take (hand the partitions over, commit,"
          + " leave the cluster) before the process exits anyway; keep it below the pod's"
          + " terminationGracePeriodSeconds (env TENANT_PLATFORM_STOP_TIMEOUT; default: ${DEFAULT-VALUE}).")
  int stopTimeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TokenConfig tokens = TokenConfig.read(tokenIssuer, tokenKeys, tokenAlgorithm).withAudience(tokenAudience);
    PlatformConfig config = new PlatformConfig(host, port, kafka, partitions);
    KafkaClients.useSecurity(kafkaSecurity.fromEnvironment());
    if (createTopics) {
      KafkaTopics.ensure(config.kafkaBootstrap(), config.partitions());
    }
    KubernetesClient kubernetes = new KubernetesClientBuilder()
        .withConfig(RetryPolicy.withoutClientRetries(kubernetesConfig())).build();
    if (stopTimeout < 1) {
      throw new IllegalArgumentException("--stop-timeout " + stopTimeout + " must be at least 1 second");
    }
    Platform platform;
    try {
      platform = Platform.start(config, kubernetes, tokens, cluster.config()).toCompletionStage()
          .toCompletableFuture().join();
    } catch (RuntimeException e) {
      kubernetes.close();
      throw e;
    }
    Duration timeout = Duration.ofSeconds(stopTimeout);
    return GracefulStop.on(timeout, spec.commandLine().getErr(), () -> {
      try {
        platform.close().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        kubernetes.close();
      }
    }).await();
  }

  private Config kubernetesConfig() {
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new IllegalArgumentException("cannot read the kubeconfig " + kubeconfig
          + ": give a readable file with --kubeconfig or KUBECONFIG");
    }
    if (kubeconfig != null) {
      // Through auto-configuration, so that fabric8's KUBERNETES_* settings (request timeout, …) still apply.
      System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
    }
    return Config.autoConfigure(null);
  }
}
