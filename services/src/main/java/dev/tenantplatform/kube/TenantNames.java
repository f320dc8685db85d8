package dev.tenantplatform.kube;

/**
 * Every name derived from a tenant's name, in one place: the objects the platform writes and the ones the
 * controllers create in return (k0smotron-capi.md §3, §7). Tenant names are DNS-1123 labels of at most 40
 * characters, so every name below stays a valid label.
 */
public record TenantNames(String tenant) {

  public static final String NAMESPACE_PREFIX = "tenant-";
  public static final String CALICO = "calico";

  public String namespace() {
    return NAMESPACE_PREFIX + tenant;
  }

  /** The CAPI Cluster, the infrastructure cluster and k0smotron's own Cluster all carry the tenant's name. */
  public String cluster() {
    return tenant;
  }

  public String controlPlane() {
    return tenant + "-cp";
  }

  /** The k0s data directory of the tenant's control-plane pods with {@code hostPath} persistence. */
  public String controlPlaneHostPath(String root) {
    return (root.endsWith("/") ? root : root + "/") + namespace();
  }

  public String machineDeployment() {
    return tenant + "-md-0";
  }

  /** Templates are immutable: a changed spec gets a new name, derived from a hash of that spec. */
  public String workerTemplate(String specHash) {
    return machineDeployment() + "-" + specHash;
  }

  public String calicoConfigMap() {
    return CALICO;
  }

  public String calicoResourceSet() {
    return CALICO;
  }

  // What the controllers create in return.

  public String kubeconfigSecret() {
    return tenant + "-kubeconfig";
  }

  public String resourceSetBinding() {
    return tenant;
  }

  public String controlPlaneStatefulSet() {
    return "kmc-" + tenant;
  }

  public String etcdStatefulSet() {
    return "kmc-" + tenant + "-etcd";
  }

  /** The tenant a namespace belongs to, or null when the namespace is not a tenant's. */
  public static String tenantOfNamespace(String namespace) {
    return namespace != null && namespace.startsWith(NAMESPACE_PREFIX)
        ? namespace.substring(NAMESPACE_PREFIX.length()) : null;
  }
}
