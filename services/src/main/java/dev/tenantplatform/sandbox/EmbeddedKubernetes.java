package dev.tenantplatform.sandbox;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * The Kubernetes API of local mode: fabric8's mock server in CRUD mode on loopback, knowing every
 * custom kind of {@link Kinds}.
 */
public final class EmbeddedKubernetes implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedKubernetes(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** Starts the API on a free loopback port; {@code dataDir} receives the kubeconfig (may be null in tests). */
  public static EmbeddedKubernetes start(Path dataDir) {
    return start(dataDir, 0);
  }

  public static EmbeddedKubernetes start(Path dataDir, int port) {
    List<io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext> crds =
        Kinds.ALL.stream().map(KubeKind::context).toList();
    var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(crds), false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new EmbeddedKubernetes(server);
  }

  /** A client for the platform's own use. */
  public KubernetesClient client() {
    return client;
  }

  /** The API server's URL, e.g. {@code http://127.0.0.1:34567}. */
  public String url() {
    return client.getMasterUrl().toString().replaceAll("/$", "");
  }

  public Path kubeconfig() {
    return Path.of("kubeconfig");
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
