package io.guardstream.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.guardstream.config.IssuerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Issuer settings for tests: audience {@code guardstream}, 30 s skew, default claims. */
final class Issuers {

  private Issuers() {}

  static IssuerSettings withJwks(String issuer, JWKSet publicKeys, Path dir) throws IOException {
    Path file = Files.createTempFile(dir, "jwks", ".json");
    Files.writeString(file, publicKeys.toString());
    return new IssuerSettings("test", issuer, "guardstream", file, null, Set.of("RS256", "PS256", "ES256", "EdDSA"),
        null, 30, null, "models", "scope", "tenant");
  }
}
