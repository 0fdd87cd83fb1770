package io.guardstream.cli.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;

/**
 * A throwaway identity provider for the demo: an RSA key generated at start, its public JWKS in a
 * file the pipeline reads, and RS256 access tokens minted on demand (good, expired, foreign).
 */
public final class DemoIssuer {

  public static final String ISSUER = "https://idp.demo.guardstream.local";
  public static final String AUDIENCE = "guardstream";

  private final RSAKey key;
  private final RSAKey foreignKey;
  private final Path jwksFile;

  public DemoIssuer(Path directory) {
    try {
      key = new RSAKeyGenerator(2048).keyID("demo-1").generate();
      // a key the pipeline does not trust: tokens it signs must be refused
      foreignKey = new RSAKeyGenerator(2048).keyID("demo-1").generate();
      jwksFile = directory.resolve("demo-jwks.json");
      Files.writeString(jwksFile, new JWKSet(key.toPublicJWK()).toString());
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException("cannot set up the demo identity provider", e);
    }
  }

  public Path jwksFile() {
    return jwksFile;
  }

  public String token(String subject, List<String> models) {
    return sign(key, subject, models, Duration.ofMinutes(30));
  }

  public String expiredToken(String subject) {
    return sign(key, subject, List.of("*"), Duration.ofMinutes(-10));
  }

  public String foreignToken(String subject) {
    return sign(foreignKey, subject, List.of("*"), Duration.ofMinutes(30));
  }

  private static String sign(RSAKey signingKey, String subject, List<String> models, Duration validFor) {
    long now = System.currentTimeMillis();
    var claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .issueTime(new Date(now - Math.max(0, -validFor.toMillis()) - 60_000))
        .expirationTime(new Date(now + validFor.toMillis()))
        .claim("models", models)
        .claim("tenant", "demo-partner")
        .build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
        .type(new JOSEObjectType("at+jwt")).build(), claims);
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a demo token", e);
    }
    return jwt.serialize();
  }
}
