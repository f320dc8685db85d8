package dev.tenantplatform.kube;

/** Label, annotation and field-manager names shared by everything that writes or reads tenant objects. */
public final class Labels {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "tenant-platform";
  public static final String TENANT = "tenantplatform.dev/tenant";
  public static final String FIELD_MANAGER = "tenant-platform";

  /** CAPI's own labels and annotations. */
  public static final String CLUSTER_NAME = "cluster.x-k8s.io/cluster-name";
  public static final String CONTROL_PLANE = "cluster.x-k8s.io/control-plane";
  public static final String DEPLOYMENT_NAME = "cluster.x-k8s.io/deployment-name";
  public static final String SET_NAME = "cluster.x-k8s.io/set-name";
  public static final String INFRA_MANAGED_BY = "cluster.x-k8s.io/managed-by";
  public static final String CNI = "cni";
  public static final String CNI_CALICO = "calico";

  private Labels() {
  }
}
