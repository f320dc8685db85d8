package dev.tenantplatform.provisioner.blueprint;

/**
 * What the platform operator decides once for every tenant cluster, as opposed to what a tenant request
 * asks for. Checked when built: a bad value fails at start with a message naming it, not at the first tenant.
 *
 * @param podCidr pod network of every tenant cluster ({@code Cluster.spec.clusterNetwork.pods}) and Calico's
 *     IP pool; default {@code 192.168.0.0/16}, Calico's default and k0smotron's Docker example
 * @param serviceCidr service network ({@code clusterNetwork.services}); default {@code 10.128.0.0/12}, as in
 *     k0smotron's Docker example
 * @param serviceDomain cluster DNS domain; default {@code cluster.local}
 * @param controlPlane resources of the hosted control-plane pods
 * @param storage where the k0s data lives for {@code hostPath} and {@code pvc} persistence
 * @param calicoTemplate the Calico manifests, with {@code ${POD_CIDR}} where the IP pool goes; default the
 *     template shipped in {@code blueprint/calico.yaml}
 * @param workerImage node image of the worker machines ({@code customImage}), or null to let CAPD pick the
 *     kindest/node image matching the Kubernetes version
 */
public record BlueprintConfig(String podCidr, String serviceCidr, String serviceDomain,
    ControlPlanePlan controlPlane, ControlPlaneStorage storage, String calicoTemplate, String workerImage) {

  public static final String POD_CIDR_DEFAULT = "192.168.0.0/16";
  public static final String SERVICE_CIDR_DEFAULT = "10.128.0.0/12";
  public static final String SERVICE_DOMAIN_DEFAULT = "cluster.local";

  public BlueprintConfig {
    Ipv4Cidr pods = Ipv4Cidr.parse("pod CIDR", podCidr);
    Ipv4Cidr services = Ipv4Cidr.parse("service CIDR", serviceCidr);
    if (pods.overlaps(services)) {
      throw new IllegalArgumentException("pod CIDR " + podCidr + " and service CIDR " + serviceCidr
          + " overlap: give them disjoint ranges");
    }
    if (serviceDomain == null
        || !serviceDomain.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("service domain '" + serviceDomain
          + "' is not a DNS name such as cluster.local");
    }
    if (controlPlane == null || storage == null) {
      throw new IllegalArgumentException("the blueprint configuration needs a control-plane plan and storage "
          + "settings; start from BlueprintConfig.defaults()");
    }
    CalicoManifest.checkTemplate(calicoTemplate);
    if (workerImage != null && (workerImage.isBlank() || workerImage.chars().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException("worker image '" + workerImage
          + "' is not an image reference such as kindest/node:v1.32.8");
    }
  }

  public static BlueprintConfig defaults() {
    return new BlueprintConfig(POD_CIDR_DEFAULT, SERVICE_CIDR_DEFAULT, SERVICE_DOMAIN_DEFAULT,
        ControlPlanePlan.DEFAULT, ControlPlaneStorage.DEFAULT, CalicoManifest.defaultTemplate(), null);
  }

  public BlueprintConfig withNetworks(String pods, String services) {
    return new BlueprintConfig(pods, services, serviceDomain, controlPlane, storage, calicoTemplate, workerImage);
  }

  public BlueprintConfig withControlPlane(ControlPlanePlan plan) {
    return new BlueprintConfig(podCidr, serviceCidr, serviceDomain, plan, storage, calicoTemplate, workerImage);
  }

  public BlueprintConfig withStorage(ControlPlaneStorage newStorage) {
    return new BlueprintConfig(podCidr, serviceCidr, serviceDomain, controlPlane, newStorage, calicoTemplate,
        workerImage);
  }

  public BlueprintConfig withCalicoTemplate(String template) {
    return new BlueprintConfig(podCidr, serviceCidr, serviceDomain, controlPlane, storage, template, workerImage);
  }

  public BlueprintConfig withWorkerImage(String image) {
    return new BlueprintConfig(podCidr, serviceCidr, serviceDomain, controlPlane, storage, calicoTemplate, image);
  }

  /** The record's text without the whole Calico manifest, which would drown a log line. */
  @Override
  public String toString() {
    return "BlueprintConfig[podCidr=" + podCidr + ", serviceCidr=" + serviceCidr + ", serviceDomain="
        + serviceDomain + ", controlPlane=" + controlPlane + ", storage=" + storage + ", calicoTemplate="
        + calicoTemplate.length() + " chars, workerImage=" + workerImage + "]";
  }
}
