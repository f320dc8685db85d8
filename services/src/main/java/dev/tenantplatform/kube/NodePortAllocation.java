package dev.tenantplatform.kube;

import java.util.Optional;

/**
 * The two node ports of one tenant whose control plane is exposed as {@code NodePort}: k0smotron pins its
 * Service's node ports to the control plane's {@code spec.service.apiPort} and {@code konnectivityPort}.
 */
public record NodePortAllocation(String tenant, int apiPort, int konnectivityPort) {

  public NodePortAllocation {
    if (apiPort == konnectivityPort) {
      throw new IllegalArgumentException("tenant " + tenant + ": apiPort and konnectivityPort must differ, both are "
          + apiPort);
    }
  }

  /** The value stored for the tenant: {@code "30000,30001"}. */
  String encode() {
    return apiPort + "," + konnectivityPort;
  }

  /** The allocation stored as {@code value}, or empty when the value is not two distinct ports. */
  static Optional<NodePortAllocation> decode(String tenant, String value) {
    String[] ports = value == null ? new String[0] : value.split(",", -1);
    if (ports.length != 2) {
      return Optional.empty();
    }
    try {
      int api = Integer.parseInt(ports[0].trim());
      int konnectivity = Integer.parseInt(ports[1].trim());
      return api == konnectivity ? Optional.empty() : Optional.of(new NodePortAllocation(tenant, api, konnectivity));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
