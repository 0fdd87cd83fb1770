package io.guardstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.guardstream.config.ConfigException;
import io.guardstream.config.IssuerSettings;
import java.io.IOException;
import java.text.ParseException;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies the tokens of one issuer with nimbus-jose-jwt: signature under an explicit algorithm
 * allowlist (so {@code alg: none} and a public key used as an HMAC secret are refused), {@code iss},
 * {@code aud}, {@code exp}/{@code nbf}/{@code iat} with clock skew, required {@code sub}, and the
 * token type ({@code at+jwt} only, when configured, per RFC 9068 section 4).
 */
final class IssuerVerifier {

  /** The time a verification on this thread checks against; the processor is shared by threads. */
  private static final ThreadLocal<Long> CLOCK = new ThreadLocal<>();
  private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

  private final IssuerSettings settings;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  IssuerVerifier(IssuerSettings settings, JWKSource<SecurityContext> remoteKeys) {
    this.settings = settings;
    processor.setJWSTypeVerifier(settings.requiredType() != null
        ? new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN)
        : new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
    processor.setJWSKeySelector(EdDsaKeys.keySelector(algorithms(settings), keys(settings, remoteKeys)));
    processor.setJWSVerifierFactory(new EdDsaKeys.VerifierFactory());
    var claims = new ClockedClaimsVerifier(settings);
    claims.setMaxClockSkew(settings.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  IssuerSettings settings() {
    return settings;
  }

  /** @throws BadJOSEException or JOSEException when the token is not valid as of {@code nowMs} */
  JWTClaimsSet verify(SignedJWT token, long nowMs) throws BadJOSEException, JOSEException {
    CLOCK.set(nowMs);
    try {
      return processor.process(token, null);
    } finally {
      CLOCK.remove();
    }
  }

  private static Set<JWSAlgorithm> algorithms(IssuerSettings settings) {
    Set<JWSAlgorithm> out = new HashSet<>();
    for (String name : settings.algorithms()) {
      out.add(JWSAlgorithm.parse(name));
      if (name.equals("EdDSA")) {
        out.add(JWSAlgorithm.Ed25519); // the fully specified name of RFC 9864
      }
    }
    return out;
  }

  private static JWKSource<SecurityContext> keys(IssuerSettings settings, JWKSource<SecurityContext> remoteKeys) {
    if (settings.hmacSecret() != null) {
      return new ImmutableSecret<>(settings.hmacSecret().bytes());
    }
    if (settings.jwksFile() != null) {
      try {
        return new ImmutableJWKSet<>(JWKSet.load(settings.jwksFile().toFile()));
      } catch (IOException | ParseException e) {
        throw new ConfigException("jwks.file of issuer " + settings.name(), "not a readable JWKS: " + e.getMessage());
      }
    }
    if (remoteKeys == null) {
      throw new IllegalArgumentException("issuer " + settings.name() + " has a JWKS URL but no key source");
    }
    return remoteKeys;
  }

  /** Checks claims against the caller's clock and refuses tokens issued in the future. */
  private static final class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    ClockedClaimsVerifier(IssuerSettings settings) {
      super(settings.audience(), new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
          Set.of("sub", "exp", "iss", "aud"));
    }

    @Override
    protected Date currentTime() {
      // wall-clock time in production, the replayed time in replay
      Long now = CLOCK.get();
      return now == null ? new Date() : new Date(now);
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
      super.verify(claims, context);
      Date issuedAt = claims.getIssueTime();
      if (issuedAt != null && issuedAt.getTime() > currentTime().getTime() + getMaxClockSkew() * 1000L) {
        throw new BadJWTException("JWT issued in the future (iat)");
      }
    }
  }
}
