package io.guardstream.ratelimit;

/** Tokens and money counted against a principal in one budget period (a UTC day or month). */
public record Spend(long tokens, long nanoUsd) {

  public static final Spend NONE = new Spend(0, 0);

  /** Adds a charge or, with negative amounts, a refund; never below zero. */
  public Spend plus(long moreTokens, long moreNanoUsd) {
    return new Spend(Math.max(0, tokens + moreTokens), Math.max(0, nanoUsd + moreNanoUsd));
  }
}
