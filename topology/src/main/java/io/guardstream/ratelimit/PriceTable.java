package io.guardstream.ratelimit;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * What a model costs, input and output tokens priced apart, in billionths of a US dollar per token
 * (configured in dollars per million tokens, so $2.50 per million is 2,500 nano-dollars per token),
 * which keeps every sum an exact {@code long}.
 *
 * @param models prices by exact model name
 * @param fallback the price of any other model, or null: a spend budget then refuses unpriced models
 */
public record PriceTable(Map<String, Price> models, Price fallback) {

  public static final PriceTable EMPTY = new PriceTable(Map.of(), null);

  public record Price(long inputNanoUsdPerToken, long outputNanoUsdPerToken) {

    /** @throws ArithmeticException for a price finer than a nano-dollar per token */
    public static Price perMillion(BigDecimal inputUsd, BigDecimal outputUsd) {
      return new Price(nanoPerToken(inputUsd), nanoPerToken(outputUsd));
    }

    public long cost(long inputTokens, long outputTokens) {
      return Math.addExact(Math.multiplyExact(inputTokens, inputNanoUsdPerToken),
          Math.multiplyExact(outputTokens, outputNanoUsdPerToken));
    }

    private static long nanoPerToken(BigDecimal usdPerMillion) {
      return usdPerMillion.movePointRight(3).longValueExact();
    }
  }

  public PriceTable {
    models = Map.copyOf(models);
  }

  public Optional<Price> of(String model) {
    Price price = model == null ? null : models.get(model);
    return Optional.ofNullable(price != null ? price : fallback);
  }

  /** Dollars as nano-dollars, for budgets. */
  public static long nanoUsd(BigDecimal usd) {
    return usd.movePointRight(9).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
  }
}
