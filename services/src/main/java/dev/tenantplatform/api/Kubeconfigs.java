package dev.tenantplatform.api;

import dev.tenantplatform.kube.TenantNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads a tenant's workload-cluster kubeconfig: the {@code value} of the {@code <cluster>-kubeconfig} Secret
 * that k0smotron writes into the tenant's namespace once a control-plane pod is ready. The fabric8 call runs on
 * a worker thread. The content is handed to the caller and to no one else: it is never logged.
 */
final class Kubeconfigs {

  static final String KEY = "value";

  private final Vertx vertx;
  private final KubernetesClient kubernetes;

  Kubeconfigs(Vertx vertx, KubernetesClient kubernetes) {
    this.vertx = vertx;
    this.kubernetes = kubernetes;
  }

  /** The kubeconfig, or empty while the Secret (or its key) is not there yet. */
  Future<Optional<String>> read(String tenant) {
    TenantNames names = new TenantNames(tenant);
    return vertx.executeBlocking(() -> {
      Secret secret = kubernetes.secrets().inNamespace(names.namespace()).withName(names.kubeconfigSecret()).get();
      if (secret == null || secret.getData() == null || secret.getData().get(KEY) == null) {
        return Optional.empty();
      }
      return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8));
    }, false);
  }
}
