package io.guardstream.config;

import io.guardstream.inspect.masking.MaskingPolicy;

/**
 * The {@code inspect.mask.*} settings.
 *
 * @param policy the operator per PII type, globally and per tenant
 * @param hashKey the {@code hash} operator's key (at least 32 bytes, base64), or null when no rule hashes
 * @param encryptionKey the {@code encrypt} operator's key (at least 32 bytes, base64), or null when no rule encrypts
 */
public record MaskingSettings(MaskingPolicy policy, Secret hashKey, Secret encryptionKey) {

  /** Every type tagged and no keys: the behaviour before operators were configurable. */
  public static MaskingSettings tags() {
    return new MaskingSettings(MaskingPolicy.tags(), null, null);
  }
}
