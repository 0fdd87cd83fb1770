package io.guardstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.guardstream.config.ConfigException;
import io.guardstream.config.GuardstreamConfig;
import java.io.IOException;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies JWT bearer tokens with nimbus-jose-jwt against a JWKS file: signature with an explicit
 * asymmetric algorithm allowlist (so "alg: none" and HMAC-with-public-key confusion are refused),
 * issuer, audience, {@code exp}/{@code nbf} with clock skew, and required {@code sub}.
 */
public final class JwtVerifier {

  /** Asymmetric algorithms only: a verifier holding public keys must never accept HMAC. */
  static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  /** The time a verification on this thread checks exp/nbf against; the processor is shared. */
  private static final ThreadLocal<Long> CLOCK = new ThreadLocal<>();

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String modelsClaim;

  public JwtVerifier(GuardstreamConfig.Auth auth) {
    this(loadJwks(auth), auth.issuer(), auth.audience(), auth.clockSkewSeconds(), auth.modelsClaim());
  }

  public JwtVerifier(JWKSet jwks, String issuer, String audience, int clockSkewSeconds, String modelsClaim) {
    this.modelsClaim = modelsClaim;
    // plain JWTs and RFC 9068 access tokens (typ at+jwt); any other typ is a token meant for something else
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, new ImmutableJWKSet<>(jwks)));
    var claimsVerifier =
        new DefaultJWTClaimsVerifier<SecurityContext>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", "iss", "aud")) {
          @Override
          protected Date currentTime() {
            // the caller's clock (wall-clock time in production, the replayed time in replay)
            Long now = CLOCK.get();
            return now == null ? new Date() : new Date(now);
          }
        };
    claimsVerifier.setMaxClockSkew(clockSkewSeconds);
    processor.setJWTClaimsSetVerifier(claimsVerifier);
  }

  private static JWKSet loadJwks(GuardstreamConfig.Auth auth) {
    try {
      return JWKSet.load(auth.jwksFile().toFile());
    } catch (IOException | ParseException e) {
      throw new ConfigException("auth.jwt.jwks.file", "not a readable JWKS: " + e.getMessage());
    }
  }

  /** Verifies {@code token} as of {@code nowMs} (epoch ms). */
  public AuthResult verify(String token, long nowMs) {
    JWTClaimsSet claims;
    CLOCK.set(nowMs);
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      return new AuthResult.Denied("invalid_token", "token is not a well-formed JWT");
    } catch (ExpiredJWTException e) {
      return new AuthResult.Denied("token_expired", "token has expired");
    } catch (BadJOSEException e) {
      // nimbus' messages name the failed check, never token content
      return new AuthResult.Denied("invalid_token", "token rejected: " + e.getMessage());
    } catch (JOSEException e) {
      return new AuthResult.Denied("invalid_token", "token signature could not be verified");
    } finally {
      CLOCK.remove();
    }
    List<String> models = stringList(claims, modelsClaim);
    String tenant = stringClaim(claims, "tenant");
    return new AuthResult.Authenticated(
        new Principal(
            claims.getIssuer() + "|" + claims.getSubject(),
            tenant != null ? tenant : claims.getIssuer(),
            null,
            "jwt",
            models,
            null));
  }

  private static List<String> stringList(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringListClaim(name);
    } catch (ParseException e) {
      return null;
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      return null;
    }
  }
}
