package dev.tenantplatform.events;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the platform accepts in a tenant request. {@link #DEFAULT} is the platform's out-of-the-box policy; an
 * operator may narrow it (fewer workers, no LoadBalancer) through configuration.
 *
 * @param maxWorkers most worker machines one tenant may have
 * @param controlPlaneReplicas accepted numbers of hosted control-plane pods; odd, so etcd keeps quorum
 * @param maxTenantNameLength longest tenant name; at most 40, which keeps every derived Kubernetes name within
 *     63 characters
 * @param maxRequestBytes largest request record on {@code tenant.requests}
 * @param infrastructures accepted worker machine providers
 * @param serviceTypes accepted Service types exposing the control plane
 * @param persistences accepted storage of the control-plane pods' k0s data
 * @param cnis accepted network plugins
 */
public record RequestLimits(int maxWorkers, Set<Integer> controlPlaneReplicas, int maxTenantNameLength,
    int maxRequestBytes, Set<String> infrastructures, Set<String> serviceTypes, Set<String> persistences,
    Set<String> cnis) {

  public static final RequestLimits DEFAULT = new RequestLimits(100, Set.of(1, 3, 5, 7), 40,
      Topics.MAX_REQUEST_BYTES, ordered("docker", "dev"), ordered("ClusterIP", "NodePort", "LoadBalancer"),
      ordered("emptyDir", "hostPath", "pvc"), ordered("calico"));

  public RequestLimits {
    if (maxWorkers < 0 || maxTenantNameLength < 1
        || maxTenantNameLength > RequestValidator.MAX_TENANT_NAME_LENGTH || maxRequestBytes < 1) {
      throw new IllegalArgumentException("limits out of range: maxWorkers " + maxWorkers
          + " (at least 0), maxTenantNameLength " + maxTenantNameLength + " (1 to "
          + RequestValidator.MAX_TENANT_NAME_LENGTH + "), maxRequestBytes "
          + maxRequestBytes + " (at least 1)");
    }
    if (controlPlaneReplicas.stream().anyMatch(r -> r < 1 || r % 2 == 0)) {
      throw new IllegalArgumentException("controlPlaneReplicas " + controlPlaneReplicas
          + " must all be odd and positive: etcd needs an odd number of members to keep quorum");
    }
    controlPlaneReplicas = Collections.unmodifiableSet(new LinkedHashSet<>(controlPlaneReplicas.stream()
        .sorted().toList()));
    infrastructures = Collections.unmodifiableSet(new LinkedHashSet<>(infrastructures));
    serviceTypes = Collections.unmodifiableSet(new LinkedHashSet<>(serviceTypes));
    persistences = Collections.unmodifiableSet(new LinkedHashSet<>(persistences));
    cnis = Collections.unmodifiableSet(new LinkedHashSet<>(cnis));
  }

  public RequestLimits withMaxWorkers(int workers) {
    return new RequestLimits(workers, controlPlaneReplicas, maxTenantNameLength, maxRequestBytes,
        infrastructures, serviceTypes, persistences, cnis);
  }

  // Messages list the choices in a sensible order, which Set.of does not keep.
  private static Set<String> ordered(String... values) {
    return new LinkedHashSet<>(List.of(values));
  }
}
