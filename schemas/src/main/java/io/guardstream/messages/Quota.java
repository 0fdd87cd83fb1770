package io.guardstream.messages;

import java.math.BigDecimal;

/**
 * Token and spend limits of a principal, on top of its request rate. Every field is optional: null
 * means "not set here", and the rate limiter falls back to the tenant's policy, then to the
 * deployment's default, where null means unlimited.
 *
 * @param tokensPerMinute prompt plus completion tokens in any sliding minute
 * @param tokensPerDay prompt plus completion tokens per UTC calendar day
 * @param usdPerDay spend per UTC calendar day, priced with the deployment's price table
 * @param usdPerMonth spend per UTC calendar month
 */
public record Quota(Long tokensPerMinute, Long tokensPerDay, BigDecimal usdPerDay, BigDecimal usdPerMonth) {

  public static final Quota NONE = new Quota(null, null, null, null);

  /** This quota with every unset field taken from {@code fallback}. */
  public Quota orElse(Quota fallback) {
    if (fallback == null) {
      return this;
    }
    return new Quota(
        tokensPerMinute != null ? tokensPerMinute : fallback.tokensPerMinute,
        tokensPerDay != null ? tokensPerDay : fallback.tokensPerDay,
        usdPerDay != null ? usdPerDay : fallback.usdPerDay,
        usdPerMonth != null ? usdPerMonth : fallback.usdPerMonth);
  }

  /** Whether any limit is set: without one, no tokens are counted and nothing is reserved. */
  public boolean limitsTokens() {
    return tokensPerMinute != null || tokensPerDay != null || usdPerDay != null || usdPerMonth != null;
  }

  /** The more generous of two quotas, field by field (a token with several roles gets the widest). */
  public static Quota widest(Quota a, Quota b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return new Quota(
        a.tokensPerMinute == null || b.tokensPerMinute == null ? null : Math.max(a.tokensPerMinute, b.tokensPerMinute),
        a.tokensPerDay == null || b.tokensPerDay == null ? null : Math.max(a.tokensPerDay, b.tokensPerDay),
        a.usdPerDay == null || b.usdPerDay == null ? null : a.usdPerDay.max(b.usdPerDay),
        a.usdPerMonth == null || b.usdPerMonth == null ? null : a.usdPerMonth.max(b.usdPerMonth));
  }
}
