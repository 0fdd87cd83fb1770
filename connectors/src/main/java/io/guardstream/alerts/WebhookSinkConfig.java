package io.guardstream.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's own settings. URL and secret are PASSWORD-typed: Connect masks them in its REST API
 * and logs, and a Slack webhook URL is itself a bearer credential. Both may be config-provider
 * references such as {@code ${file:/etc/secrets/webhook.properties:secret}}.
 */
public final class WebhookSinkConfig extends AbstractConfig {

  public static final String URL = "webhook.url";
  public static final String FORMAT = "webhook.format";
  public static final String SECRET = "webhook.secret";
  public static final String TIMEOUT_MS = "webhook.timeout.ms";
  public static final String MAX_RETRIES = "webhook.max.retries";
  public static final String BACKOFF_MS = "webhook.retry.backoff.ms";
  public static final String BACKOFF_MAX_MS = "webhook.retry.backoff.max.ms";
  public static final String BATCH_MAX_MS = "webhook.batch.max.ms";

  // 256 bits of key, as RFC 2104 section 3 recommends a key at least as long as the hash output
  static final int MIN_SECRET_LENGTH = 32;

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(URL, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, WebhookSinkConfig::validateUrl, Importance.HIGH,
          "http(s) URL every alert is POSTed to. Masked like a password: a Slack webhook URL is a credential.")
      .define(FORMAT, Type.STRING, WebhookFormat.GENERIC.configValue(),
          ConfigDef.ValidString.in(Arrays.stream(WebhookFormat.values()).map(WebhookFormat::configValue).toArray(String[]::new)),
          Importance.HIGH, "generic: the alert JSON as read from the topic; slack: a Slack {\"text\": ...} message.")
      .define(SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, WebhookSinkConfig::validateSecret, Importance.HIGH,
          "HMAC-SHA-256 key (its UTF-8 bytes, at least " + MIN_SECRET_LENGTH + " characters) signing every body.")
      .define(TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.between(1L, 300_000L), Importance.MEDIUM,
          "Connect and response timeout of one POST.")
      .define(MAX_RETRIES, Type.INT, 5, ConfigDef.Range.between(0, 100), Importance.MEDIUM,
          "Retries after the first attempt on 408, 429, 5xx and I/O errors; then the record goes to the errant-record reporter.")
      .define(BACKOFF_MS, Type.LONG, 500L, ConfigDef.Range.between(1L, 3_600_000L), Importance.LOW,
          "Ceiling of the first retry's jittered delay; doubles on each retry.")
      .define(BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.between(1L, 3_600_000L), Importance.LOW,
          "Largest delay between two attempts, also the longest Retry-After honoured: a server asking for more ends the retries.")
      .define(BATCH_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.between(0L, 3_600_000L), Importance.LOW,
          "Time one batch may take before the alerts not yet started are handed back to be fetched again,"
              + " so a slow receiver cannot hold the task past the consumer's max.poll.interval.ms.");

  public WebhookSinkConfig(Map<String, String> originals) {
    super(CONFIG_DEF, originals);
    if (backoffMax().compareTo(backoff()) < 0) {
      throw new ConfigException(BACKOFF_MAX_MS, getLong(BACKOFF_MAX_MS), "must be at least " + BACKOFF_MS);
    }
  }

  public URI url() {
    return URI.create(getPassword(URL).value().trim());
  }

  public WebhookFormat format() {
    return WebhookFormat.fromConfig(getString(FORMAT));
  }

  public WebhookSignature signature() {
    return new WebhookSignature(getPassword(SECRET).value());
  }

  public Duration timeout() {
    return Duration.ofMillis(getLong(TIMEOUT_MS));
  }

  public Duration batchBudget() {
    return Duration.ofMillis(getLong(BATCH_MAX_MS));
  }

  public Backoff retries() {
    return new Backoff(getInt(MAX_RETRIES), backoff(), backoffMax());
  }

  private Duration backoff() {
    return Duration.ofMillis(getLong(BACKOFF_MS));
  }

  private Duration backoffMax() {
    return Duration.ofMillis(getLong(BACKOFF_MAX_MS));
  }

  /** Scheme and host only: what a log line may say about the URL. */
  static String redacted(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
  }

  private static void validateUrl(String name, Object value) {
    if (value == null) {
      return; // NO_DEFAULT_VALUE already reports a missing value
    }
    String url = ((Password) value).value().trim();
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        // the value itself stays out of the message: it may carry a token
        throw new ConfigException(name + ": must be an absolute http or https URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(name + ": not a valid URL (" + e.getReason() + ")");
    }
  }

  private static void validateSecret(String name, Object value) {
    if (value != null && ((Password) value).value().length() < MIN_SECRET_LENGTH) {
      throw new ConfigException(name + ": must be at least " + MIN_SECRET_LENGTH + " characters");
    }
  }
}
