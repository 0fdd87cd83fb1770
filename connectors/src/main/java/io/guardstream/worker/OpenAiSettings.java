package io.guardstream.worker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenAI-compatible provider: where it is, which of its models answers each requested model,
 * its key (null for local servers that need none), how long one call may take, and when to retry.
 * Validated when built, with one line naming the option at fault.
 */
public record OpenAiSettings(URI baseUrl, Map<String, String> modelMap, ProviderApiKey apiKey, Duration callTimeout, RetryPolicy retry) {

  /** The model-map key that maps every model not named otherwise. */
  public static final String ANY_MODEL = "*";

  public OpenAiSettings {
    if (baseUrl == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("base-url: an absolute http(s) URL is required, e.g. https://api.openai.com/v1");
    }
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("base-url: scheme must be http or https, got " + baseUrl.getScheme());
    }
    if (scheme.equals("http") && apiKey != null && !isLoopback(baseUrl.getHost())) {
      // a bearer key over plain HTTP is readable by anyone on the path
      throw new IllegalArgumentException("base-url: an API key is only sent over https (plain http only to localhost)");
    }
    modelMap = Map.copyOf(modelMap);
    modelMap.forEach((from, to) -> {
      if (from.isBlank() || to.isBlank()) {
        throw new IllegalArgumentException("model-map: empty model name in " + from + "=" + to);
      }
    });
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("call-timeout-ms: must be positive");
    }
    if (retry == null) {
      throw new IllegalArgumentException("retry: a retry policy is required");
    }
  }

  /** {@code POST {baseUrl}/chat/completions}. */
  URI chatCompletions() {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
  }

  /** The provider's name for the model a caller asked for: mapped, else the {@code *} mapping, else as asked. */
  String providerModel(String requested) {
    String mapped = requested == null ? null : modelMap.get(requested);
    return mapped != null ? mapped : modelMap.getOrDefault(ANY_MODEL, requested);
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean literal = h.matches("[0-9.]+") || h.contains(":"); // an IPv4 or IPv6 literal
    try {
      return literal && InetAddress.getByName(h).isLoopbackAddress(); // a literal: no DNS lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
