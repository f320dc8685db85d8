package dev.tenantplatform.provisioner.blueprint;

/**
 * What each hosted control-plane pod of a tenant requests: the k0s controller container
 * ({@code K0smotronControlPlane.spec.resources}) and the etcd container of the separate etcd StatefulSet
 * ({@code spec.storage.etcd.resources}), plus the etcd image, which the CRD requires as soon as
 * {@code storage.etcd} is written at all.
 */
public record ControlPlanePlan(ContainerResources k0s, ContainerResources etcd, String etcdImage) {

  /**
   * k0s controller: requests 1 CPU / 1Gi, the minimum k0s documents for a controller node, limits
   * 2 CPU / 2Gi, the top of its recommendation for clusters of up to 10 workers (k0s
   * {@code docs/system-requirements.md}). Those figures cover a whole controller node; k0smotron moves etcd
   * into pods of its own, so the controller pod gets them alone and has headroom.
   */
  public static final ContainerResources K0S_DEFAULT = new ContainerResources("1", "1Gi", "2", "2Gi");

  /**
   * etcd: requests 250m / 512Mi, limits 1 CPU / 1Gi. The platform's own sizing: k0s publishes no separate
   * etcd figure, and a tenant cluster of up to 10 workers keeps a keyspace of a few tens of MB, far below
   * the 1Gi volume k0smotron gives each etcd member. Raise it for larger tenants.
   */
  public static final ContainerResources ETCD_DEFAULT = new ContainerResources("250m", "512Mi", "1", "1Gi");

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
