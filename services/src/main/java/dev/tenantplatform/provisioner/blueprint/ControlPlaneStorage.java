package dev.tenantplatform.provisioner.blueprint;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Where the k0s data of hosted control-plane pods ({@code /var/lib/k0s}) lives for the request's
 * {@code persistence} values other than {@code emptyDir}. It never covers etcd, which always gets its own
 * 1Gi volume per member (k0smotron-capi.md §3).
 *
 * @param hostPathRoot for {@code hostPath}: a directory on the management nodes; each tenant gets a
 *     sub-directory named after its namespace
 * @param volumeSize for {@code pvc}: the size of each pod's volume claim
 * @param storageClass for {@code pvc}: the StorageClass, or null for the cluster's default one
 */
public record ControlPlaneStorage(String hostPathRoot, String volumeSize, String storageClass) {

  public static final ControlPlaneStorage DEFAULT = new ControlPlaneStorage("/var/lib/tenant-platform", "1Gi", null);

  public ControlPlaneStorage {
    if (hostPathRoot == null || !hostPathRoot.startsWith("/") || hostPathRoot.contains("..")) {
      throw new IllegalArgumentException("hostPath root '" + hostPathRoot
          + "' must be an absolute directory without '..', such as /var/lib/tenant-platform");
    }
    hostPathRoot = hostPathRoot.length() > 1 && hostPathRoot.endsWith("/")
        ? hostPathRoot.substring(0, hostPathRoot.length() - 1) : hostPathRoot;
    try {
      if (Quantity.getAmountInBytes(Quantity.parse(volumeSize)).signum() <= 0) {
        throw new IllegalArgumentException("must be more than zero");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("control-plane volume size '" + volumeSize
          + "' is not a positive quantity such as 1Gi", e);
    }
    if (storageClass != null && !storageClass.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new IllegalArgumentException("storage class '" + storageClass
          + "' is not a valid StorageClass name (lower case letters, digits, '-' and '.')");
    }
  }
}
