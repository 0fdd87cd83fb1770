package io.guardstream.config;

import io.guardstream.messages.Quota;
import io.guardstream.ratelimit.LimitPolicy;
import io.guardstream.ratelimit.PriceTable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the limits: deployment defaults under {@code ratelimit.default.*}, per-tenant defaults under
 * {@code tenant.<name>.ratelimit.*}, and the price table under {@code pricing.<model>.*} (model
 * names may contain dots, so a key is split at its known suffix).
 */
final class RateLimitSettingsReader {

  static final Set<String> QUOTA_KEYS = Set.of("tokens.per.minute", "tokens.per.day", "usd.per.day", "usd.per.month");
  private static final String TENANT_PREFIX = "tenant.";
  private static final String TENANT_INFIX = ".ratelimit.";
  private static final String TOTAL = "total.";
  private static final String PRICING_PREFIX = "pricing.";
  private static final String INPUT = ".input.usd.per.million";
  private static final String OUTPUT = ".output.usd.per.million";

  private final ConfigLoader loader;

  RateLimitSettingsReader(ConfigLoader loader) {
    this.loader = loader;
  }

  /** Whether {@code key} is one of the settings named by a tenant or a model. */
  static boolean isDynamicKey(String key) {
    if (key.startsWith(PRICING_PREFIX)) {
      return key.length() > PRICING_PREFIX.length() + INPUT.length() && (key.endsWith(INPUT) || key.endsWith(OUTPUT));
    }
    int infix = key.indexOf(TENANT_INFIX);
    if (key.startsWith(TENANT_PREFIX) && infix > TENANT_PREFIX.length()) {
      String suffix = key.substring(infix + TENANT_INFIX.length());
      String own = suffix.startsWith(TOTAL) ? suffix.substring(TOTAL.length()) : suffix;
      return own.equals("requests.per.minute") || QUOTA_KEYS.contains(own);
    }
    return false;
  }

  LimitPolicy read() {
    String partitionBy = loader.text("ratelimit.partition.by", "principal");
    if (!partitionBy.equals("principal") && !partitionBy.equals("tenant")) {
      throw new ConfigException("ratelimit.partition.by", "must be principal or tenant, was " + partitionBy);
    }
    Map<String, LimitPolicy.TenantLimits> tenants = new LinkedHashMap<>();
    for (String tenant : names(TENANT_PREFIX, TENANT_INFIX)) {
      String p = TENANT_PREFIX + tenant + TENANT_INFIX;
      var limits = new LimitPolicy.TenantLimits(loader.optionalInteger(p + "requests.per.minute", 1, 10_000_000),
          quota(p), loader.optionalInteger(p + TOTAL + "requests.per.minute", 1, 10_000_000), quota(p + TOTAL));
      if (limits.hasTotals() && partitionBy.equals("principal")) {
        throw new ConfigException(p + TOTAL + "*", "tenant totals need ratelimit.partition.by=tenant, so that one "
            + "task owns all of a tenant's counters and the totals are exact");
      }
      tenants.put(tenant, limits);
    }
    Map<String, PriceTable.Price> prices = new LinkedHashMap<>();
    PriceTable.Price fallback = null;
    for (String model : models()) {
      PriceTable.Price price = price(model);
      if (model.equals("default")) {
        fallback = price;
      } else {
        prices.put(model, price);
      }
    }
    return new LimitPolicy(
        loader.integer("ratelimit.default.requests.per.minute", 60, 1, 10_000_000),
        quota("ratelimit.default."),
        tenants,
        new PriceTable(prices, fallback),
        loader.integer("ratelimit.default.completion.tokens", 4096, 1, 10_000_000),
        loader.integer("ratelimit.max.future.ms", 5_000, 0, 3_600_000),
        partitionBy.equals("tenant"));
  }

  /** The four quota settings under {@code prefix}; unset ones are null. */
  Quota quota(String prefix) {
    Integer tpm = loader.optionalInteger(prefix + "tokens.per.minute", 1, Integer.MAX_VALUE);
    Integer tpd = loader.optionalInteger(prefix + "tokens.per.day", 1, Integer.MAX_VALUE);
    return new Quota(tpm == null ? null : tpm.longValue(), tpd == null ? null : tpd.longValue(),
        usd(prefix + "usd.per.day"), usd(prefix + "usd.per.month"));
  }

  private PriceTable.Price price(String model) {
    String p = PRICING_PREFIX + model;
    BigDecimal input = usd(p + INPUT);
    BigDecimal output = usd(p + OUTPUT);
    if (input == null || output == null) {
      throw new ConfigException(p + (input == null ? INPUT : OUTPUT), "is required when the other price of "
          + model + " is set");
    }
    try {
      return PriceTable.Price.perMillion(input, output);
    } catch (ArithmeticException e) {
      throw new ConfigException(p + INPUT, "prices are counted in thousandths of a dollar per million tokens at finest");
    }
  }

  private BigDecimal usd(String key) {
    if (!loader.isSet(key)) {
      return null;
    }
    String value = loader.text(key, null);
    try {
      BigDecimal usd = new BigDecimal(value);
      if (usd.signum() < 0 || usd.scale() > 9) {
        throw new ConfigException(key, "must be a non-negative amount of US dollars with at most 9 decimals, was " + value);
      }
      return usd;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be an amount of US dollars such as 12.50, was '" + value + "'");
    }
  }

  private Set<String> names(String prefix, String infix) {
    Set<String> names = new TreeSet<>();
    for (String key : loader.keys()) {
      int at = key.indexOf(infix);
      if (key.startsWith(prefix) && at > prefix.length() && isDynamicKey(key)) {
        names.add(key.substring(prefix.length(), at));
      }
    }
    return names;
  }

  private Set<String> models() {
    Set<String> models = new TreeSet<>();
    for (String key : loader.keys()) {
      if (key.startsWith(PRICING_PREFIX) && isDynamicKey(key)) {
        String rest = key.substring(PRICING_PREFIX.length());
        models.add(rest.substring(0, rest.length() - (key.endsWith(INPUT) ? INPUT.length() : OUTPUT.length())));
      }
    }
    return models;
  }
}
