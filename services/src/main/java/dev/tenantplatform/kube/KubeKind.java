package dev.tenantplatform.kube;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

/**
 * One Kubernetes kind we write or watch: group, version, kind and plural, as the real CRDs declare
 * them. Every CAPI and k0smotron kind is written as {@code v1beta2}, their storage version.
 */
public record KubeKind(String group, String version, String kind, String plural, boolean namespaced) {

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The context fabric8 needs for generic resources, with the status subresource that every CRD here has. */
  public CustomResourceDefinitionContext context() {
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withScope(namespaced ? "Namespaced" : "Cluster")
        .withStatusSubresource(true)
        .build();
  }

  /** The fully qualified resource name, as kubectl takes it: {@code clusters.cluster.x-k8s.io}. */
  public String resource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
