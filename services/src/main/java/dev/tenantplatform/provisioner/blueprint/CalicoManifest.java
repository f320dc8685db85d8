package dev.tenantplatform.provisioner.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Calico manifests a tenant's ClusterResourceSet applies to its workload cluster. The template carries
 * {@value #POD_CIDR} where Calico's IP pool goes, so the pool always equals the Cluster's pod CIDR; a pool
 * outside it would leave pods unroutable.
 */
final class CalicoManifest {

  static final String POD_CIDR = "${POD_CIDR}";

  /** The ConfigMap key; ClusterResourceSets apply every key's value as YAML documents. */
  static final String KEY = "calico.yaml";

  /** A ConfigMap holds at most 1 MiB in all; this leaves room for its metadata. */
  static final int MAX_BYTES = 1_000_000;

  private static final String RESOURCE = "/blueprint/calico.yaml";

  private CalicoManifest() {
  }

  /** The template shipped with the platform: Calico with the Kubernetes API as its datastore. */
  static String defaultTemplate() {
    try (InputStream in = CalicoManifest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the Calico template " + RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Calico template " + RESOURCE, e);
    }
  }

  static void checkTemplate(String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("the Calico template is empty: give the manifests to apply, with "
          + POD_CIDR + " where the IP pool CIDR goes");
    }
    int bytes = template.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException("the Calico template is " + bytes + " bytes, more than the " + MAX_BYTES
          + " a ConfigMap can hold with its metadata (1 MiB in all): leave out what tenant clusters do not need");
    }
    if (!template.contains(POD_CIDR)) {
      throw new IllegalArgumentException("the Calico template has no " + POD_CIDR + " placeholder: put it where "
          + "the IP pool CIDR goes (CALICO_IPV4POOL_CIDR), so the pool equals the Cluster's pod CIDR");
    }
  }

  static String render(String template, String podCidr) {
    return template.replace(POD_CIDR, podCidr);
  }
}
