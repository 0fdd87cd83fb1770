package io.guardstream.alerts;

import io.guardstream.messages.Alert;
import io.guardstream.serde.Json;
import java.util.Locale;
import java.util.Map;

/** The body a webhook receives for one alert. */
public enum WebhookFormat {

  /** The alert JSON exactly as it was read from the topic, so the receiver sees the schema'd record. */
  GENERIC {
    @Override
    byte[] body(Alert alert, byte[] alertJson) {
      return alertJson;
    }
  },

  /** A Slack incoming-webhook message: {@code {"text": ...}} with severity, rule, summary and subject. */
  SLACK {
    @Override
    byte[] body(Alert alert, byte[] alertJson) {
      String text = "*[" + alert.severity().toUpperCase(Locale.ROOT) + "]* `" + escape(alert.rule()) + "` "
          + escape(alert.summary())
          + "\nsubject " + escape(alert.subject())
          + " · count " + alert.count() + " / threshold " + alert.threshold()
          + " · alert " + escape(alert.alertId());
      return Json.toBytes(Map.of("text", text));
    }
  };

  abstract byte[] body(Alert alert, byte[] alertJson);

  /** The configuration value, e.g. {@code slack}. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WebhookFormat fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /**
   * Slack reads {@code <...>} as links and mentions ({@code <!channel>}); a subject or summary carrying
   * a caller-chosen name must not page a whole channel, so the three control characters are escaped as
   * Slack's message-formatting guide asks.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
