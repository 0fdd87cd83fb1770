package io.guardstream.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the inspect and respond stages do about prompt injection: the thresholds to flag and to
 * block, globally ({@code inspect.injection.*.threshold}) and per tenant
 * ({@code tenant.<name>.inspect.injection.flag.threshold} and {@code ...block.threshold}, each
 * falling back to the global value), and the key of the per-request canary token
 * ({@code inspect.canary.key}; the feature is off without it).
 *
 * @param defaults the global thresholds, for requests of tenants with no policy of their own
 * @param tenants thresholds by tenant name, as the tenant appears in the key or token
 * @param canaryKey HMAC key the canary tokens are derived with, or null when canaries are off
 */
public record InjectionPolicy(Thresholds defaults, Map<String, Thresholds> tenants, Secret canaryKey) {

  /** @param flag at or above: passed on, marked; @param block at or above: rejected with 400 */
  public record Thresholds(double flag, double block) {}

  public static final String CANARY_KEY = "inspect.canary.key";

  /** A canary key shorter than this is refused: it is an HMAC key, and 256 bits is the floor. */
  static final int MIN_CANARY_KEY_BYTES = 32;

  private static final Pattern TENANT_KEY =
      Pattern.compile("tenant\\.(.+)\\.inspect\\.injection\\.(flag|block)\\.threshold");

  public InjectionPolicy {
    tenants = Map.copyOf(tenants);
  }

  /** The thresholds that apply to a request of {@code tenant} (may be null). */
  public Thresholds forTenant(String tenant) {
    Thresholds own = tenant == null ? null : tenants.get(tenant);
    return own == null ? defaults : own;
  }

  /** Whether {@code key} is a per-tenant injection threshold (accepted as a known setting). */
  static boolean isTenantKey(String key) {
    return TENANT_KEY.matcher(key).matches();
  }

  /** Reads and validates the tenant overrides among {@code keys} and the canary key. */
  static InjectionPolicy read(ConfigLoader loader, Set<String> keys, Thresholds defaults) {
    Map<String, Thresholds> tenants = new TreeMap<>();
    for (String key : keys) {
      Matcher m = TENANT_KEY.matcher(key);
      if (!m.matches() || tenants.containsKey(m.group(1))) {
        continue;
      }
      String prefix = "tenant." + m.group(1) + ".inspect.injection.";
      double flag = loader.decimal(prefix + "flag.threshold", defaults.flag());
      double block = loader.decimal(prefix + "block.threshold", defaults.block());
      if (block < flag) {
        throw new ConfigException(prefix + "block.threshold",
            "must not be below the tenant's flag threshold (" + flag + ")");
      }
      tenants.put(m.group(1), new Thresholds(flag, block));
    }
    Secret canary = null;
    if (loader.isSet(CANARY_KEY)) {
      canary = Secret.resolve(CANARY_KEY, loader.text(CANARY_KEY, null), loader.env());
      if (canary.base64Bytes(CANARY_KEY).length < MIN_CANARY_KEY_BYTES) {
        throw new ConfigException(CANARY_KEY, "must be at least 32 bytes, base64-encoded (openssl rand -base64 32)");
      }
    }
    return new InjectionPolicy(defaults, tenants, canary);
  }
}
