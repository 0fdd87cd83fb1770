package io.guardstream.alerts;

import io.guardstream.worker.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one signed body to the webhook, retrying transient failures per {@link Backoff}. Plain Java (no
 * Connect types) so it is tested against a local server alone. Each attempt is signed afresh: a retry
 * after a long backoff must not arrive with a timestamp the receiver already considers stale.
 */
public final class WebhookPoster implements AutoCloseable {

  static final String ALERT_ID_HEADER = "X-Guardstream-Alert-Id";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookPoster.class);

  private final URI url;
  private final WebhookSignature signature;
  private final Duration timeout;
  private final Backoff backoff;
  private final Clock clock;
  private final HttpClient http;
  private final CountDownLatch closed = new CountDownLatch(1);

  public WebhookPoster(URI url, WebhookSignature signature, Duration timeout, Backoff backoff, Clock clock) {
    this.url = url;
    this.signature = signature;
    this.timeout = timeout;
    this.backoff = backoff;
    this.clock = clock;
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        // a redirect would send a signed alert to a host nobody configured
        .followRedirects(HttpClient.Redirect.NEVER)
        // one request per alert: HTTP/1.1 works with every receiver and needs no h2c upgrade on http://
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** What became of one alert. */
  public sealed interface Outcome {
    /** The receiver answered 2xx. */
    record Delivered(int attempts, int status) implements Outcome {}

    /** Given up: a permanent refusal or the retries spent. {@code reason} names no body or secret. */
    record Failed(int attempts, String reason) implements Outcome {}

    /** {@link #close()} was called while waiting: the alert was not delivered and must be redelivered. */
    record Abandoned(int attempts) implements Outcome {}
  }

  public Outcome post(String alertId, byte[] body) {
    int attempt = 0;
    while (true) {
      attempt++;
      Optional<Duration> retryAfter = Optional.empty();
      String failure;
      try {
        HttpResponse<Void> response = http.send(request(alertId, body), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          LOG.debug("alert {} delivered to {}: status {} after {} attempt(s)", alertId, WebhookSinkConfig.redacted(url), status, attempt);
          return new Outcome.Delivered(attempt, status);
        }
        failure = "HTTP " + status;
        if (!retriable(status)) {
          return failed(alertId, attempt, failure + " (not retried)");
        }
        retryAfter = response.headers().firstValue("retry-after").flatMap(v -> RetryAfter.parse(v, clock.instant()));
      } catch (IOException e) {
        failure = e.getClass().getSimpleName(); // the message may quote the URL, which can be a credential
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome.Abandoned(attempt);
      }
      if (attempt > backoff.maxRetries()) {
        return failed(alertId, attempt, failure + ", retries exhausted");
      }
      Optional<Duration> delay = backoff.delayBefore(attempt, retryAfter, () -> ThreadLocalRandom.current().nextDouble());
      if (delay.isEmpty()) {
        return failed(alertId, attempt, failure + ", Retry-After longer than " + WebhookSinkConfig.BACKOFF_MAX_MS);
      }
      LOG.debug("alert {}: {} on attempt {}, retrying in {} ms", alertId, failure, attempt, delay.get().toMillis());
      if (waitOrClosed(delay.get())) {
        return new Outcome.Abandoned(attempt);
      }
    }
  }

  private HttpRequest request(String alertId, byte[] body) {
    long timestamp = clock.instant().getEpochSecond();
    return HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "guardstream-alert-webhook")
        .header(ALERT_ID_HEADER, alertId)
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** 408 and 429 ask to come back later, 5xx is the receiver's trouble; other 4xx and 3xx will not change. */
  static boolean retriable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private Outcome failed(String alertId, int attempts, String reason) {
    LOG.warn("alert {} not delivered to {} after {} attempt(s): {}", alertId, WebhookSinkConfig.redacted(url), attempts, reason);
    return new Outcome.Failed(attempts, reason);
  }

  /** True when closed before the delay ran out. */
  private boolean waitOrClosed(Duration delay) {
    try {
      return closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Ends any backoff wait at once; an attempt in flight still runs to its timeout. */
  @Override
  public void close() {
    closed.countDown();
  }
}
