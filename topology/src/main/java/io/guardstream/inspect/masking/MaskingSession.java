package io.guardstream.inspect.masking;

import io.guardstream.inspect.Masking;
import io.guardstream.inspect.PiiFinding;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the texts of one request (its messages and its user field) with one tenant's operators.
 * Keeps the {@code encrypt} placeholders the request has been given so far. Not thread-safe: one
 * per request.
 */
public final class MaskingSession implements Masking.Replacement {

  private final Masker masker;
  private final String tenant;
  private final boolean reversible;
  private Map<String, String> placeholderByValue;
  private Map<String, String> valueByPlaceholder;
  private Map<String, Integer> lastNumberByType;

  MaskingSession(Masker masker, String tenant, boolean reversible) {
    this.masker = masker;
    this.tenant = tenant;
    this.reversible = reversible;
  }

  /** {@code text} with every finding replaced; text outside the findings is kept as it is. */
  public String mask(String text, List<PiiFinding> findings) {
    return findings.isEmpty() ? text : Masking.mask(text, findings, this);
  }

  @Override
  public void append(StringBuilder out, String type, String value) {
    switch (masker.policy().operatorFor(tenant, type)) {
      case TAG -> tag(out, type);
      case PARTIAL -> {
        String partial = PartialMask.of(type, value);
        if (partial == null) {
          tag(out, type);
        } else {
          out.append(partial);
        }
      }
      case HASH -> out.append('<').append(type).append(':')
          .append(masker.pseudonyms().pseudonym(tenant, type, value)).append('>');
      case REDACT -> { }
      case ENCRYPT -> {
        if (reversible) {
          out.append(placeholder(type, value));
        } else {
          tag(out, type);
        }
      }
    }
  }

  /** Placeholder → the caller's value, in the order they were given; empty when nothing was encrypted. */
  public Map<String, String> placeholders() {
    return valueByPlaceholder == null ? Map.of() : Map.copyOf(valueByPlaceholder);
  }

  /** The placeholders sealed for {@code requestId} (see {@link Deanonymizer}), or null when there are none. */
  public String sealedVault(String requestId) {
    return valueByPlaceholder == null ? null : masker.vault().seal(valueByPlaceholder, requestId);
  }

  private String placeholder(String type, String value) {
    if (placeholderByValue == null) {
      placeholderByValue = new HashMap<>();
      valueByPlaceholder = new LinkedHashMap<>();
      lastNumberByType = new HashMap<>();
    }
    String key = type + '\u0000' + value;
    String placeholder = placeholderByValue.get(key);
    if (placeholder == null) {
      int number = lastNumberByType.merge(type, 1, Integer::sum);
      placeholder = "<" + type + "_" + number + ">";
      placeholderByValue.put(key, placeholder);
      valueByPlaceholder.put(placeholder, value);
    }
    return placeholder;
  }

  private static void tag(StringBuilder out, String type) {
    out.append('<').append(type).append('>');
  }
}
