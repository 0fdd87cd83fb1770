package io.guardstream.config;

import io.guardstream.inspect.masking.MaskOperator;
import io.guardstream.inspect.masking.MaskingPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the masking policy: {@code inspect.mask.default} and {@code inspect.mask.<TYPE>} globally,
 * {@code tenant.<name>.inspect.mask.default} and {@code tenant.<name>.inspect.mask.<TYPE>} per tenant,
 * and the keys of the keyed operators, {@code inspect.mask.hash.key} and
 * {@code inspect.mask.encryption.key}, which are resolved (and required) only when a rule uses them.
 */
final class MaskingSettingsReader {

  static final String PREFIX = "inspect.mask.";
  static final String TENANT_PREFIX = "tenant.";
  static final String DEFAULT = "default";
  static final String HASH_KEY = PREFIX + "hash.key";
  static final String HASH_KEY_DEFAULT = "env:GUARDSTREAM_MASK_HASH_KEY";
  static final String ENCRYPTION_KEY = PREFIX + "encryption.key";
  static final String ENCRYPTION_KEY_DEFAULT = "env:GUARDSTREAM_MASK_ENCRYPTION_KEY";
  private static final int MIN_KEY_BYTES = 32;

  private final ConfigLoader loader;
  private final Set<String> fileKeys;

  /** @param fileKeys the keys of the properties file, where tenant names are found */
  MaskingSettingsReader(ConfigLoader loader, Set<String> fileKeys) {
    this.loader = loader;
    this.fileKeys = fileKeys;
  }

  /**
   * Whether {@code key} is a masking setting. Any suffix after {@code inspect.mask.} counts, so that a
   * misspelt type is reported by {@link #read} as an unknown PII type rather than as an unknown key.
   */
  static boolean isDynamicKey(String key) {
    return key.startsWith(PREFIX) || tenantOf(key) != null;
  }

  /** The tenant of {@code tenant.<name>.inspect.mask.<suffix>}, else null. */
  private static String tenantOf(String key) {
    if (!key.startsWith(TENANT_PREFIX)) {
      return null;
    }
    int at = key.indexOf("." + PREFIX, TENANT_PREFIX.length());
    return at > TENANT_PREFIX.length() ? key.substring(TENANT_PREFIX.length(), at) : null;
  }

  MaskingSettings read() {
    for (String key : fileKeys) {
      checkSuffix(key);
    }
    MaskingPolicy.Rules base = rules(PREFIX, MaskOperator.TAG);
    Map<String, MaskingPolicy.Rules> tenants = new TreeMap<>();
    for (String key : fileKeys) {
      String tenant = tenantOf(key);
      if (tenant != null && !tenants.containsKey(tenant)) {
        tenants.put(tenant, rules(TENANT_PREFIX + tenant + "." + PREFIX, null));
      }
    }
    MaskingPolicy policy = new MaskingPolicy(base, tenants);
    return new MaskingSettings(policy,
        key(HASH_KEY, HASH_KEY_DEFAULT, policy.uses(MaskOperator.HASH), "hash"),
        key(ENCRYPTION_KEY, ENCRYPTION_KEY_DEFAULT, policy.uses(MaskOperator.ENCRYPT), "encrypt"));
  }

  /** A type name that is not a PII type is a typo: say so, with the names that would work. */
  private static void checkSuffix(String key) {
    String suffix;
    if (key.startsWith(PREFIX)) {
      suffix = key.substring(PREFIX.length());
      if (key.equals(HASH_KEY) || key.equals(ENCRYPTION_KEY)) {
        return;
      }
    } else {
      String tenant = tenantOf(key);
      if (tenant == null) {
        return;
      }
      suffix = key.substring(TENANT_PREFIX.length() + tenant.length() + 1 + PREFIX.length());
    }
    if (!suffix.equals(DEFAULT) && !MaskingPolicy.TYPES.contains(suffix)) {
      throw new ConfigException(key, "unknown PII type '" + suffix + "' (use default or one of "
          + String.join(", ", new TreeSet<>(MaskingPolicy.TYPES)) + ")");
    }
  }

  private MaskingPolicy.Rules rules(String prefix, MaskOperator fallback) {
    MaskOperator defaultOperator = operator(prefix + DEFAULT, fallback);
    Map<String, MaskOperator> byType = new HashMap<>();
    for (String type : MaskingPolicy.TYPES) {
      MaskOperator op = operator(prefix + type, null);
      if (op != null) {
        byType.put(type, op);
      }
    }
    return new MaskingPolicy.Rules(defaultOperator, byType);
  }

  private MaskOperator operator(String key, MaskOperator fallback) {
    if (!loader.isSet(key)) {
      return fallback;
    }
    try {
      return MaskOperator.parse(loader.text(key, null));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  /** Resolved only when a rule needs it, or when it was set explicitly (so that a bad one fails at start). */
  private Secret key(String key, String fallback, boolean used, String operator) {
    if (!used && !loader.isSet(key)) {
      return null;
    }
    String reference = loader.text(key, fallback);
    Secret secret;
    try {
      secret = Secret.resolve(key, reference, loader.env());
    } catch (ConfigException e) {
      String problem = e.getMessage().substring(key.length() + 2);
      throw used ? new ConfigException(key, problem + " (required by the " + operator + " masking operator)") : e;
    }
    if (secret.base64Bytes(key).length < MIN_KEY_BYTES) {
      throw new ConfigException(key, "must be at least 32 bytes, base64-encoded (openssl rand -base64 32)");
    }
    return secret;
  }
}
