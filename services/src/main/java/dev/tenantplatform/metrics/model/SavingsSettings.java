package dev.tenantplatform.metrics.model;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The savings model's configuration from settings named like environment variables, over the defaults: what
 * an operator changes without rebuilding. Every bad value is named with what to give instead, all at once.
 *
 * <pre>
 * TENANT_PLATFORM_SAVINGS_PROFILE              dev | ha (default ha)
 * TENANT_PLATFORM_SAVINGS_NODE_TYPE            instance type of the dedicated machines (t3.medium)
 * TENANT_PLATFORM_SAVINGS_NODE_VCPU            their vCPU (2)
 * TENANT_PLATFORM_SAVINGS_NODE_MEMORY          their memory, a quantity (4Gi)
 * TENANT_PLATFORM_SAVINGS_NODE_PRICE_PER_HOUR  their price per hour (0.0416)
 * TENANT_PLATFORM_SAVINGS_BOOT_SECONDS         boot of a dedicated control plane (180)
 * TENANT_PLATFORM_SAVINGS_NODE_CPU_HOURLY_COST management cluster, per vCPU-hour (0.031611)
 * TENANT_PLATFORM_SAVINGS_NODE_RAM_HOURLY_COST management cluster, per GiB-hour (0.004237)
 * TENANT_PLATFORM_SAVINGS_CURRENCY             ISO 4217 code (USD)
 * TENANT_PLATFORM_SAVINGS_PRICE_SOURCE         where the prices come from; required once a price is changed
 * </pre>
 */
public final class SavingsSettings {

  public static final String PREFIX = "TENANT_PLATFORM_SAVINGS_";

  private final Map<String, String> settings;
  private final List<String> problems = new ArrayList<>();

  private SavingsSettings(Map<String, String> settings) {
    this.settings = settings;
  }

  /** The defaults with {@code settings} (for example {@code System.getenv()}) applied. */
  public static SavingsConfig apply(Map<String, String> settings) {
    return new SavingsSettings(settings).config();
  }

  private SavingsConfig config() {
    SavingsConfig defaults = SavingsConfig.defaults();
    NodeShape node = defaults.baseline().node();
    String type = text("NODE_TYPE", node.instanceType());
    BigDecimal vcpu = value("NODE_VCPU", node.vcpu(), BigDecimal::new, "a number of vCPU such as 2");
    long memory = value("NODE_MEMORY", node.memoryBytes(),
        v -> Quantity.getAmountInBytes(Quantity.parse(v)).longValueExact(), "a quantity such as 4Gi");
    BigDecimal price = value("NODE_PRICE_PER_HOUR", node.pricePerHour(), BigDecimal::new, "a price such as 0.0416");
    BigDecimal boot = value("BOOT_SECONDS", defaults.baseline().bootSeconds(), BigDecimal::new,
        "seconds such as 180");
    BigDecimal cpuCost = value("NODE_CPU_HOURLY_COST", defaults.management().cpuPerCoreHour(), BigDecimal::new,
        "a price per vCPU-hour such as 0.031611");
    BigDecimal ramCost = value("NODE_RAM_HOURLY_COST", defaults.management().ramPerGiBHour(), BigDecimal::new,
        "a price per GiB-hour such as 0.004237");
    String currency = text("CURRENCY", defaults.currency());
    boolean repriced = settings.containsKey(PREFIX + "NODE_PRICE_PER_HOUR")
        || settings.containsKey(PREFIX + "NODE_CPU_HOURLY_COST") || settings.containsKey(PREFIX + "NODE_RAM_HOURLY_COST")
        || settings.containsKey(PREFIX + "CURRENCY");
    String source = settings.get(PREFIX + "PRICE_SOURCE");
    if (repriced && (source == null || source.isBlank())) {
      problems.add(PREFIX + "PRICE_SOURCE is missing: the prices were changed, say where they come from"
          + " (a price list and its date)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid savings configuration: " + String.join("; ", problems));
    }
    try {
      NodeShape shape = new NodeShape(type, vcpu, memory, price);
      SavingsConfig config = new SavingsConfig(defaults.baseline(), Map.of(
          BaselineProfile.DEV.name(), new BaselineProfile(BaselineProfile.DEV.name(),
              BaselineProfile.DEV.nodesPerCluster(), shape, boot),
          BaselineProfile.HA.name(), new BaselineProfile(BaselineProfile.HA.name(),
              BaselineProfile.HA.nodesPerCluster(), shape, boot)),
          new ManagementPrices(cpuCost, ramCost), currency, source == null ? defaults.priceSource() : source);
      return config.withProfile(text("PROFILE", SavingsConfig.DEFAULT_PROFILE));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid savings configuration (" + PREFIX + "*): " + e.getMessage(), e);
    }
  }

  private String text(String key, String otherwise) {
    String value = settings.get(PREFIX + key);
    return value == null || value.isBlank() ? otherwise : value.trim();
  }

  private <T> T value(String key, T otherwise, Function<String, T> parse, String expected) {
    String value = settings.get(PREFIX + key);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return parse.apply(value.trim());
    } catch (RuntimeException e) {
      problems.add(PREFIX + key + "='" + value + "' is not " + expected);
      return otherwise;
    }
  }
}
