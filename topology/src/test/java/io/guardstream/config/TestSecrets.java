package io.guardstream.config;

import io.guardstream.auth.KeyHasher;
import java.util.Base64;
import java.util.Map;

/** The secrets every test configuration needs: fixed, zero-valued and never used outside tests. */
public final class TestSecrets {

  private static final String ZEROS = Base64.getEncoder().encodeToString(new byte[32]);

  /** What a key registry must hold for the pipelines these secrets configure. */
  public static final KeyHasher KEY_HASHER = new KeyHasher(new byte[32]);

  private TestSecrets() {}

  /** The environment that resolves the default {@code env:} references of the DLQ, pseudonym and pepper keys. */
  public static Map<String, String> environment() {
    return Map.of("GUARDSTREAM_DLQ_KEY", ZEROS, "GUARDSTREAM_PSEUDONYM_KEY", ZEROS, "GUARDSTREAM_KEY_PEPPER", ZEROS);
  }
}
