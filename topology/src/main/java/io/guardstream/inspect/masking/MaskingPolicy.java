package io.guardstream.inspect.masking;

import java.util.Map;
import java.util.Set;

/**
 * Which {@link MaskOperator} each PII type gets, globally and per tenant. The most specific setting
 * wins: the tenant's operator for the type, then the tenant's default, then the global operator for
 * the type, then the global default. A tenant's own choice is explicit, so it beats a global one.
 *
 * @param base the global rules; its default is never null
 * @param tenants per-tenant rules by tenant name; their defaults may be null (not set)
 */
public record MaskingPolicy(Rules base, Map<String, Rules> tenants) {

  /** The types a policy can name: Presidio's entity names, ADDRESS and SECRET (DESIGN.md). */
  public static final Set<String> TYPES = Set.of("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN",
      "IBAN_CODE", "IP_ADDRESS", "URL", "LOCATION", "DATE_TIME", "CRYPTO", "US_BANK_NUMBER", "US_PASSPORT",
      "US_DRIVER_LICENSE", "ORGANIZATION", "ADDRESS", "SECRET");

  /**
   * @param defaultOperator for types not named in {@code byType}, or null in a tenant's rules when
   *     the tenant sets no default of its own
   */
  public record Rules(MaskOperator defaultOperator, Map<String, MaskOperator> byType) {
    public Rules {
      byType = Map.copyOf(byType);
    }
  }

  public MaskingPolicy {
    if (base.defaultOperator() == null) {
      throw new IllegalArgumentException("the global rules need a default operator");
    }
    tenants = Map.copyOf(tenants);
  }

  /** Every type tagged, as before operators were configurable. */
  public static MaskingPolicy tags() {
    return new MaskingPolicy(new Rules(MaskOperator.TAG, Map.of()), Map.of());
  }

  /** @param tenant the request's tenant, or null when it has none */
  public MaskOperator operatorFor(String tenant, String type) {
    Rules own = tenant == null ? null : tenants.get(tenant);
    if (own != null) {
      MaskOperator op = own.byType().get(type);
      if (op != null) {
        return op;
      }
      if (own.defaultOperator() != null) {
        return own.defaultOperator();
      }
    }
    MaskOperator op = base.byType().get(type);
    return op != null ? op : base.defaultOperator();
  }

  /** Whether any rule, global or a tenant's, uses {@code op}: its key is then required. */
  public boolean uses(MaskOperator op) {
    if (base.defaultOperator() == op || base.byType().containsValue(op)) {
      return true;
    }
    for (Rules r : tenants.values()) {
      if (r.defaultOperator() == op || r.byType().containsValue(op)) {
        return true;
      }
    }
    return false;
  }
}
