package io.guardstream.inspect.masking;

import java.util.Locale;

/** What a detected value is replaced with; configured per PII type and per tenant by {@link MaskingPolicy}. */
public enum MaskOperator {
  /** {@code <EMAIL_ADDRESS>}: the type only. */
  TAG,
  /** A type-appropriate tail, {@code ***-**-6789}; types without a safe partial form get the tag. */
  PARTIAL,
  /** {@code <EMAIL_ADDRESS:3f9a1c2b5d6e7f80>}: a keyed pseudonym, stable per tenant, so data can be joined and counted. */
  HASH,
  /** Nothing: the value is removed. */
  REDACT,
  /** {@code <EMAIL_ADDRESS_1>}, reversible: the value is kept encrypted so that the answer can get it back. */
  ENCRYPT;

  /** The name used in configuration, lower case. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configured name ({@code tag}, {@code partial}, {@code hash}, {@code redact}, {@code encrypt}). */
  public static MaskOperator parse(String name) {
    for (MaskOperator op : values()) {
      if (op.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown masking operator '" + name.trim() + "' (one of tag, partial, hash, redact, encrypt)");
  }
}
