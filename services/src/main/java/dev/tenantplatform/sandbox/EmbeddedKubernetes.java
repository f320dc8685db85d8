package dev.tenantplatform.sandbox;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Kubernetes API of local mode: fabric8's mock server in CRUD mode on loopback, knowing every
 * custom kind of {@link Kinds}, behind a front that serves what tools expect of a real API server
 * (discovery, streamed watches). With a data folder, it writes a kubeconfig there and keeps its
 * objects across restarts.
 */
public final class EmbeddedKubernetes implements AutoCloseable {

  /** The user agent of the simulated controllers, so that injected API faults hit only the platform. */
  public static final String CONTROLLERS_USER_AGENT = "tenant-platform-sandbox-controllers";

  /** The mock server logs every request through java.util.logging; held here so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private final KubernetesMockServer server;
  private final SandboxDispatcher dispatcher;
  private final Vertx vertx;
  private final KubernetesFront front;
  private final KubernetesClient client;
  private final KubernetesClient controllersClient;
  private final ObjectSnapshots snapshots;
  private final Path kubeconfig;

  private EmbeddedKubernetes(KubernetesMockServer server, SandboxDispatcher dispatcher, Vertx vertx,
      KubernetesFront front, ObjectSnapshots snapshots, Path kubeconfig) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.vertx = vertx;
    this.front = front;
    this.snapshots = snapshots;
    this.kubeconfig = kubeconfig;
    // The platform retries with its own policy (kube.RetryPolicy); retries of the client would multiply them.
    this.client = server.createClient(builder -> builder.editOrNewConfig().withRequestRetryBackoffLimit(0)
        .endConfig());
    this.controllersClient = server.createClient(builder -> builder.editOrNewConfig()
        .withUserAgent(CONTROLLERS_USER_AGENT).endConfig());
  }

  /** Starts the API on a free loopback port; {@code dataDir} (null in tests) keeps kubeconfig and objects. */
  public static EmbeddedKubernetes start(Path dataDir) {
    return start(dataDir, 0);
  }

  /** Starts the API on {@code port} (0: any free port). */
  public static EmbeddedKubernetes start(Path dataDir, int port) {
    var dispatcher = new SandboxDispatcher(Kinds.ALL.stream().map(KubeKind::context).toList(),
        ApiDiscovery.standard());
    ObjectSnapshots snapshots = dataDir == null ? null : new ObjectSnapshots(dataDir.resolve("kubernetes"));
    if (snapshots != null) {
      dispatcher.restore(snapshots.load());
    }
    var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Vertx vertx = Vertx.vertx();
    try {
      KubernetesFront front = await(KubernetesFront.start(vertx, port, server.getPort()));
      Path kubeconfig = dataDir == null ? null
          : Kubeconfig.write(dataDir.resolve("kubeconfig"), "http://127.0.0.1:" + front.port());
      EmbeddedKubernetes api = new EmbeddedKubernetes(server, dispatcher, vertx, front, snapshots, kubeconfig);
      if (snapshots != null) {
        snapshots.startPeriodic(dispatcher::objects);
      }
      return api;
    } catch (RuntimeException e) {
      vertx.close();
      server.destroy();
      throw e;
    }
  }

  /** A client for the platform's own use. */
  public KubernetesClient client() {
    return client;
  }

  /** A client for the simulated controllers: injected API faults never hit it. */
  public KubernetesClient controllersClient() {
    return controllersClient;
  }

  /** The API server's URL, as tools see it, e.g. {@code http://127.0.0.1:34567}. */
  public String url() {
    return "http://127.0.0.1:" + front.port();
  }

  public int port() {
    return front.port();
  }

  /** The kubeconfig written for tools, or null when the API runs without a data folder. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Makes the calls {@code predicate} selects fail with 503, as an overloaded API server would. */
  public void failWhen(Predicate<ApiCall> predicate) {
    ApiFault unavailable = new ApiFault.ServerError(503);
    injectFaults(call -> predicate.test(call) ? Optional.of(unavailable) : Optional.empty());
  }

  /**
   * Lets {@code source} pick a fault for each call of the platform (the simulated controllers' calls are spared):
   * server errors, throttling, calls left unanswered, late answers. Replaces the previous source.
   */
  public void injectFaults(Function<ApiCall, Optional<ApiFault>> source) {
    dispatcher.injectFaults(call -> CONTROLLERS_USER_AGENT.equals(call.userAgent()) ? Optional.empty()
        : source.apply(call));
  }

  @Override
  public void close() {
    if (snapshots != null) {
      snapshots.stop(dispatcher.objects());
    }
    client.close();
    controllersClient.close();
    try {
      // closing Vert.x closes the front, its listening socket and its backend connections
      await(vertx.close());
    } finally {
      server.destroy();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while starting the embedded Kubernetes API", e);
    } catch (Exception e) {
      throw new SandboxException("embedded Kubernetes API: " + e.getMessage(), e);
    }
  }
}
