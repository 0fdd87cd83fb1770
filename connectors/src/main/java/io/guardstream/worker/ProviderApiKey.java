package io.guardstream.worker;

import java.nio.charset.StandardCharsets;

/**
 * The model provider's API key. The command line resolves it from a secret reference
 * ({@code env:NAME}, {@code file:/path}); this type only carries it to the Authorization header,
 * and its {@link #toString()} names the reference, never the value.
 */
public final class ProviderApiKey {

  private final String reference;
  private final String value;

  private ProviderApiKey(String reference, String value) {
    this.reference = reference;
    this.value = value;
  }

  public static ProviderApiKey of(String reference, byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8).trim();
    if (text.isEmpty() || text.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
      // a header value with a line break would be a header-injection vector; a space, a paste error
      throw new IllegalArgumentException("api-key: the secret " + reference + " is empty or not a single printable token");
    }
    return new ProviderApiKey(reference, text);
  }

  String authorization() {
    return "Bearer " + value;
  }

  public String reference() {
    return reference;
  }

  @Override
  public String toString() {
    return "ProviderApiKey[" + reference + ", redacted]";
  }
}
