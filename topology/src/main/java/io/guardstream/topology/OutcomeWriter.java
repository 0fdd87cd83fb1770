package io.guardstream.topology;

import io.guardstream.messages.RateLimitState;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Turns an outcome into one output record with exactly the headers it should carry: the
 * {@code x-ratelimit-*} headers (OpenAI's names) on responses, none elsewhere. Replacing the
 * headers matters, since Kafka Streams otherwise copies input headers to every output.
 */
final class OutcomeWriter<R> implements FixedKeyProcessor<String, Outcome, R> {

  private final Function<Outcome, R> value;
  private final boolean rateLimitHeaders;
  private FixedKeyProcessorContext<String, R> context;

  private OutcomeWriter(Function<Outcome, R> value, boolean rateLimitHeaders) {
    this.value = value;
    this.rateLimitHeaders = rateLimitHeaders;
  }

  static <R> OutcomeWriter<R> withRateLimitHeaders(Function<Outcome, R> value) {
    return new OutcomeWriter<>(value, true);
  }

  static <R> OutcomeWriter<R> withoutHeaders(Function<Outcome, R> value) {
    return new OutcomeWriter<>(value, false);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, R> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Outcome> record) {
    R out = value.apply(record.value());
    if (out == null) {
      return;
    }
    Headers headers = new RecordHeaders();
    RateLimitState state = record.value().rateLimit();
    if (rateLimitHeaders && state != null) {
      add(headers, "x-ratelimit-limit-requests", Long.toString(state.limitRequests()));
      add(headers, "x-ratelimit-remaining-requests", Long.toString(state.remainingRequests()));
      add(headers, "x-ratelimit-reset-requests", formatReset(state.resetRequestsMs()));
      if (state.limitTokens() != null) {
        add(headers, "x-ratelimit-limit-tokens", Long.toString(state.limitTokens()));
        add(headers, "x-ratelimit-remaining-tokens", Long.toString(state.remainingTokens()));
        add(headers, "x-ratelimit-reset-tokens", formatReset(state.resetTokensMs()));
      }
      var error = record.value().response().error();
      // an exhausted budget lasts until the day or month turns: a retry-after would invite retries
      if (record.value().response().status() == 429 && (error == null || !"budget_exceeded".equals(error.code()))) {
        long wait = state.remainingRequests() == 0 ? state.resetRequestsMs() : 0;
        if (state.limitTokens() != null) {
          wait = Math.max(wait, state.resetTokensMs());
        }
        add(headers, "retry-after", Long.toString(Math.max(1, (wait + 999) / 1000)));
      }
    }
    context.forward(record.withValue(out).withHeaders(headers));
  }

  /** OpenAI's reset format: a duration such as {@code 1s}, {@code 6m0s} or {@code 250ms}. */
  static String formatReset(long ms) {
    if (ms < 1000) {
      return ms + "ms";
    }
    long seconds = (ms + 999) / 1000;
    return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
