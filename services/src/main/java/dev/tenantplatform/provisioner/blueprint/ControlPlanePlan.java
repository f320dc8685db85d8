package dev.tenantplatform.provisioner.blueprint;

/**
 * What each hosted control-plane pod of a tenant requests: the k0s controller container
 * ({@code K0smotronControlPlane.spec.resources}) and the etcd container of the separate etcd StatefulSet
 * ({@code spec.storage.etcd.resources}), plus the etcd image, which the CRD requires as soon as
 * {@code storage.etcd} is written at all.
 */
public record ControlPlanePlan(ContainerResources k0s, ContainerResources etcd, String etcdImage) {

  /**
   * k0s controller: requests 100m / 160Mi, limits 1 CPU / 1Gi. Requests are what a hosted control plane
   * really uses, so that the scheduler packs them as densely as they run: k0smotron's own benchmark measured
   * about 0.4 core and 210 MiB per etcd-backed hosted control plane at peak, and a replica of this plan
   * (k0s and etcd together) requests 130m and 210Mi. The limits leave room for a burst up to the
   * 1 CPU / 1Gi k0s documents for a whole controller node ({@code docs/system-requirements.md}).
   */
  public static final ContainerResources K0S_DEFAULT = new ContainerResources("100m", "160Mi", "1", "1Gi");

  /**
   * etcd: requests 30m / 50Mi, limits 500m / 512Mi. A tenant cluster of up to 10 workers keeps a keyspace of
   * a few MB; the rest of the 210 MiB per control plane k0smotron measured is the k0s controller's. Raise both
   * for larger tenants.
   */
  public static final ContainerResources ETCD_DEFAULT = new ContainerResources("30m", "50Mi", "500m", "512Mi");

  /** The CRD's own default for {@code spec.storage.etcd.image} (k0smotron v2.1.0). */
  public static final String ETCD_IMAGE_DEFAULT = "quay.io/k0sproject/etcd:v3.7.1";

  public static final ControlPlanePlan DEFAULT = new ControlPlanePlan(K0S_DEFAULT, ETCD_DEFAULT, ETCD_IMAGE_DEFAULT);

  public ControlPlanePlan {
    if (k0s == null || etcd == null) {
      throw new IllegalArgumentException("the control-plane plan needs resources for both the k0s and the etcd "
          + "container");
    }
    if (etcdImage == null || etcdImage.isBlank() || etcdImage.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("etcd image '" + etcdImage
          + "' is not an image reference such as " + ETCD_IMAGE_DEFAULT);
    }
  }
}
