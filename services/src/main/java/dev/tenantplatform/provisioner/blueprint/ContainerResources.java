package dev.tenantplatform.provisioner.blueprint;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Requests and limits of one control-plane container, as Kubernetes quantities ({@code 500m}, {@code 1Gi}).
 * Requests are required: k0smotron sets none by default, which leaves the pods BestEffort and the savings
 * unmeasurable (k0smotron-capi.md §3). A null limit means "no limit".
 */
public record ContainerResources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {

  public ContainerResources {
    BigDecimal cpu = positive("cpu request", cpuRequest);
    BigDecimal memory = positive("memory request", memoryRequest);
    if (cpuLimit != null && positive("cpu limit", cpuLimit).compareTo(cpu) < 0) {
      throw new IllegalArgumentException("cpu limit " + cpuLimit + " is below the cpu request " + cpuRequest);
    }
    if (memoryLimit != null && positive("memory limit", memoryLimit).compareTo(memory) < 0) {
      throw new IllegalArgumentException("memory limit " + memoryLimit + " is below the memory request "
          + memoryRequest);
    }
  }

  /** The {@code ResourceRequirements} shape of the CRDs: {@code {requests: {cpu, memory}, limits: {...}}}. */
  Map<String, Object> toSpec() {
    Map<String, Object> limits = Spec.of("cpu", cpuLimit, "memory", memoryLimit);
    return Spec.of(
        "requests", Spec.of("cpu", cpuRequest, "memory", memoryRequest),
        "limits", limits.isEmpty() ? null : limits);
  }

  private static BigDecimal positive(String what, String quantity) {
    if (quantity == null || quantity.isBlank()) {
      throw new IllegalArgumentException(what + " is missing: give a Kubernetes quantity such as 500m or 1Gi");
    }
    BigDecimal amount;
    try {
      amount = Quantity.getAmountInBytes(Quantity.parse(quantity));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + " '" + quantity
          + "' is not a Kubernetes quantity: use forms such as 500m, 2, 512Mi or 1Gi", e);
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException(what + " '" + quantity + "' must be more than zero");
    }
    return amount;
  }
}
