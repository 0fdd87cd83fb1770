package io.guardstream.inspect.masking;

import io.guardstream.inspect.pii.Chars;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code hash} operator: {@code <EMAIL_ADDRESS:3f9a1c2b5d6e7f80>}, a keyed pseudonym (HMAC-SHA-256)
 * that is the same for the same value and tenant every time, so data teams can join and count on it
 * without seeing the value, and that differs between tenants, so two tenants' data cannot be joined on
 * it. Each tenant's key is derived from the configured key and the tenant name (HMAC of the name under
 * the base key), so one secret serves every tenant and no tenant key is stored.
 *
 * <p>Values are normalised first, so that the same value written differently joins: emails by case,
 * and card, SSN, phone and bank numbers by their digits alone (IBANs by letters and digits, upper
 * case). 64 bits of the HMAC are kept: distinct values collide with even odds only past about four
 * billion of them. Thread-safe.
 */
public final class TenantPseudonyms {

  private static final String DERIVATION_LABEL = "guardstream/inspect.mask.hash/v1/tenant:";
  private static final int HEX_BYTES = 8;
  /** Tenant names come from verified credentials; the bound still keeps a flood of them from growing memory. */
  private static final int MAX_CACHED_TENANTS = 10_000;

  private final byte[] baseKey;
  private final Map<String, byte[]> tenantKeys = new ConcurrentHashMap<>();

  public TenantPseudonyms(byte[] baseKey) {
    KeyedHashes.requireStrongKey(baseKey, "the hash key (inspect.mask.hash.key)");
    this.baseKey = baseKey.clone();
  }

  /** @param tenant the request's tenant, or null for requests without one (they share one key) */
  public String pseudonym(String tenant, String type, String value) {
    byte[] digest = KeyedHashes.hmac(tenantKey(tenant == null ? "" : tenant), type + '\u0000' + normalise(type, value));
    return HexFormat.of().formatHex(digest, 0, HEX_BYTES);
  }

  private byte[] tenantKey(String tenant) {
    byte[] key = tenantKeys.get(tenant);
    if (key == null) {
      key = KeyedHashes.hmac(baseKey, DERIVATION_LABEL + tenant);
      if (tenantKeys.size() < MAX_CACHED_TENANTS) {
        tenantKeys.put(tenant, key);
      }
    }
    return key;
  }

  static String normalise(String type, String value) {
    return switch (type) {
      case "EMAIL_ADDRESS" -> value.trim().toLowerCase(Locale.ROOT);
      case "CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "US_BANK_NUMBER" -> keep(value, false);
      case "IBAN_CODE" -> keep(value, true).toUpperCase(Locale.ROOT);
      default -> value.trim();
    };
  }

  private static String keep(String value, boolean letters) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (letters ? Chars.isAsciiAlnum(c) : Chars.isDigit(c)) {
        out.append(c);
      }
    }
    // a value with no digits at all is hashed as written rather than as the empty string
    return out.length() == 0 ? value.trim() : out.toString();
  }
}
