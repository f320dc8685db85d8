package dev.tenantplatform.sandbox.simulator;

/**
 * The names k0smotron derives from a CAPI Cluster's name ({@code api/k0smotron.io/v1beta2}, {@code Get*Name}),
 * for the objects it creates in the Cluster's namespace. Names longer than 63 characters are cut to 57 and
 * given a hash suffix by k0smotron; tenant names are short enough that this never happens here.
 */
record K0smotronNames(String cluster) {

  String statefulSet() {
    return "kmc-" + cluster;
  }

  String etcdStatefulSet() {
    return "kmc-" + cluster + "-etcd";
  }

  String controlPlanePod(int ordinal) {
    return statefulSet() + "-" + ordinal;
  }

  String etcdPod(int ordinal) {
    return etcdStatefulSet() + "-" + ordinal;
  }

  String etcdVolumeClaim(int ordinal) {
    return "etcd-data-" + etcdPod(ordinal);
  }

  String clusterIpService() {
    return "kmc-" + cluster;
  }

  String nodePortService() {
    return "kmc-" + cluster + "-nodeport";
  }

  String loadBalancerService() {
    return "kmc-" + cluster + "-lb";
  }

  String etcdService() {
    return etcdStatefulSet();
  }

  String configMap() {
    return "kmc-" + cluster + "-config";
  }

  /** The code's name; k0smotron's generated-resources doc says {@code kmc-<name>-entrypoint-config}. */
  String entrypointConfigMap() {
    return "kmc-entrypoint-" + cluster + "-config";
  }

  String telemetryConfigMap() {
    return "kmc-" + cluster + "-telemetry-config";
  }

  String endpointConfigMap() {
    return "kmc-" + cluster + "-endpoint";
  }

  String kubeconfigSecret() {
    return cluster + "-kubeconfig";
  }

  /** The certificate Secrets of a CAPI cluster: {@code <cluster>-ca}, {@code -proxy}, {@code -sa}, {@code -etcd}. */
  String certificateSecret(String purpose) {
    return cluster + "-" + purpose;
  }
}
