package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The savings model's inputs that are configuration, not measurement: the baseline (one of named profiles),
 * the management cluster's prices, the currency and where the prices come from.
 *
 * <p>Default profile: {@code ha}, three dedicated control-plane machines per tenant cluster. A tenant request asks
 * for three hosted control-plane replicas unless it says otherwise, and the dedicated cluster a user would
 * otherwise run for it is the highly available one: three machines, so that etcd keeps quorum. The seed's
 * {@code dev} profile (one machine) is there for single-replica development clusters.
 *
 * @param baseline the profile the report compares with
 * @param profiles every profile that can be chosen by name
 * @param management what the hosted control planes' share of the management cluster costs
 * @param currency ISO 4217 code of every price
 * @param priceSource where the prices come from, shown with every figure
 */
public record SavingsConfig(BaselineProfile baseline, Map<String, BaselineProfile> profiles,
    ManagementPrices management, String currency, String priceSource) {

  /** Hours in a month, as AWS's and OpenCost's monthly figures count them (8,760 / 12). */
  public static final BigDecimal HOURS_PER_MONTH = new BigDecimal("730");

  public static final String DEFAULT_PROFILE = BaselineProfile.HA.name();
  public static final String DEFAULT_PRICE_SOURCE = "t3.medium on-demand us-east-1 list price; management cluster"
      + " at OpenCost's default.json rates";

  public SavingsConfig {
    if (baseline == null || management == null) {
      throw new IllegalArgumentException("the savings model needs a baseline profile and management prices;"
          + " start from SavingsConfig.defaults()");
    }
    profiles = Map.copyOf(profiles == null ? Map.of() : profiles);
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code such as USD or EUR");
    }
    if (priceSource == null || priceSource.isBlank()) {
      throw new IllegalArgumentException("say where the prices come from (priceSource): a figure without its"
          + " source cannot be checked");
    }
  }

  public static SavingsConfig defaults() {
    Map<String, BaselineProfile> profiles = new LinkedHashMap<>();
    profiles.put(BaselineProfile.DEV.name(), BaselineProfile.DEV);
    profiles.put(BaselineProfile.HA.name(), BaselineProfile.HA);
    return new SavingsConfig(BaselineProfile.HA, profiles, ManagementPrices.OPENCOST_DEFAULTS, "USD",
        DEFAULT_PRICE_SOURCE);
  }

  /** The same configuration comparing with the profile {@code name}. */
  public SavingsConfig withProfile(String name) {
    BaselineProfile chosen = profiles.get(name);
    if (chosen == null) {
      throw new IllegalArgumentException("no baseline profile '" + name + "': choose one of "
          + String.join(", ", profiles.keySet().stream().sorted().toList()));
    }
    return new SavingsConfig(chosen, profiles, management, currency, priceSource);
  }

  public SavingsConfig withBaseline(BaselineProfile profile) {
    Map<String, BaselineProfile> all = new LinkedHashMap<>(profiles);
    all.put(profile.name(), profile);
    return new SavingsConfig(profile, all, management, currency, priceSource);
  }

  public SavingsConfig withManagement(ManagementPrices prices, String source) {
    return new SavingsConfig(baseline, profiles, prices, currency, source);
  }
}
