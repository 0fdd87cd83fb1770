package io.guardstream.ratelimit;

import io.guardstream.messages.Quota;
import java.util.Map;

/**
 * Where a principal's limits come from: its own key record or token roles first, then its tenant's
 * policy, then the deployment's defaults. Changing a key record changes the limit at the next
 * request; tenant and default settings change with the configuration.
 *
 * @param defaultCompletionTokens completion tokens reserved for a request without {@code max_tokens};
 *     the worker request then carries it as {@code max_tokens}, so the reservation bounds the answer
 * @param maxFutureMs how far a record's timestamp may run ahead of the wall clock before it is
 *     counted at the wall clock (a future timestamp must not open a fresh window)
 * @param partitionByTenant whether the rate-limit stage is keyed by tenant rather than principal, so
 *     that one task owns all of a tenant's counters and tenant totals are exact
 */
public record LimitPolicy(
    int defaultRequestsPerMinute,
    Quota defaultQuota,
    Map<String, TenantLimits> tenants,
    PriceTable prices,
    int defaultCompletionTokens,
    long maxFutureMs,
    boolean partitionByTenant) {

  /**
   * A tenant's settings.
   *
   * @param requestsPerMinute default for each of its principals; null falls through to the deployment's
   * @param quota defaults for each of its principals
   * @param totalRequestsPerMinute limit on all its principals together, or null
   * @param totalQuota token and spend limits on all its principals together, or null
   */
  public record TenantLimits(Integer requestsPerMinute, Quota quota, Integer totalRequestsPerMinute, Quota totalQuota) {

    public boolean hasTotals() {
      return totalRequestsPerMinute != null || limitsTokens();
    }

    /** Whether the tenant's totals count tokens: only then are its reservations charged and settled. */
    public boolean limitsTokens() {
      return totalQuota != null && totalQuota.limitsTokens();
    }
  }

  /** The key the stage is partitioned by: the tenant when tenant totals are kept, else the principal. */
  public String partitionKey(String principal, String tenant) {
    return partitionByTenant && tenant != null ? tenant : principal;
  }

  /** The tenant's totals, or null when it has none (or the stage is not keyed by tenant). */
  public TenantLimits totals(String tenant) {
    TenantLimits t = tenant == null || !partitionByTenant ? null : tenants.get(tenant);
    return t != null && t.hasTotals() ? t : null;
  }

  /** The store key of a tenant's totals; the control character keeps it apart from any principal id. */
  public static String tenantKey(String tenant) {
    return "\u0001tenant\u0001" + tenant;
  }

  public LimitPolicy {
    tenants = Map.copyOf(tenants);
  }

  public long requestsPerMinute(Integer own, String tenant) {
    if (own != null) {
      return own;
    }
    TenantLimits t = tenant == null ? null : tenants.get(tenant);
    return t != null && t.requestsPerMinute() != null ? t.requestsPerMinute() : defaultRequestsPerMinute;
  }

  public Quota quota(Quota own, String tenant) {
    TenantLimits t = tenant == null ? null : tenants.get(tenant);
    Quota base = t != null && t.quota() != null ? t.quota().orElse(defaultQuota) : defaultQuota;
    return own == null ? base : own.orElse(base);
  }
}
