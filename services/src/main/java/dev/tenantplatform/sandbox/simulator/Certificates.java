package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The certificate Secrets CAPI's secret helpers create ({@code util/secret}): type {@code cluster.x-k8s.io/secret},
 * keys {@code tls.crt} and {@code tls.key}. The simulator holds no real keys, only placeholders in PEM dress.
 */
final class Certificates {

  static final String CAPI_SECRET_TYPE = "cluster.x-k8s.io/secret";

  private Certificates() {
  }

  static Secret secret(String namespace, String name, String cluster, Map<String, String> labels, HasMetadata owner) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(labels)
        .addToLabels(Labels.CLUSTER_NAME, cluster)
        .withOwnerReferences(Owners.controller(owner))
        .endMetadata()
        .withType(CAPI_SECRET_TYPE)
        .addToData("tls.crt", base64(pem("CERTIFICATE", name)))
        .addToData("tls.key", base64(pem("RSA PRIVATE KEY", name)))
        .build();
  }

  /** A PEM-shaped placeholder that says what it stands for. */
  static String pem(String type, String subject) {
    String body = Base64.getEncoder().encodeToString(("simulated " + type.toLowerCase() + " for " + subject)
        .getBytes(StandardCharsets.UTF_8));
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
