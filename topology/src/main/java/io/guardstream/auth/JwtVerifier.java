package io.guardstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.guardstream.auth.remote.CachedJwks;
import io.guardstream.auth.remote.JwksSettings;
import io.guardstream.auth.remote.VerifiedTokenCache;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.IssuerSettings;
import io.guardstream.config.RoleSettings;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JWT bearer tokens from one or more trusted issuers. The unverified {@code iss} only picks
 * which issuer's settings and keys to verify with; nothing in the token is trusted before its
 * signature and claims pass there. Scopes or roles in the issuer's roles claim map to the same
 * permissions as API keys. A token verified once is remembered (by its SHA-256) until its
 * {@code exp} or the cache's bound, so a batch client sending one token per request pays for one
 * signature check, not one per request.
 */
public final class JwtVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
  /** Far above any real access token; parsing is bounded before any base64 or JSON work. */
  static final int MAX_TOKEN_CHARS = 8192;

  private final Map<String, IssuerVerifier> byIssuer = new HashMap<>();
  private final TokenPermissions permissions;
  private final VerifiedTokenCache<Principal> verified;

  /**
   * @param remoteKeys the key source of an issuer with a JWKS URL (not called for file and HMAC issuers)
   * @param verified the verified-token cache, or null for none
   */
  public JwtVerifier(List<IssuerSettings> issuers, Map<String, RoleSettings> roles,
      Function<IssuerSettings, JWKSource<SecurityContext>> remoteKeys, VerifiedTokenCache<Principal> verified) {
    for (IssuerSettings settings : issuers) {
      byIssuer.put(settings.issuer(), new IssuerVerifier(settings,
          settings.jwksUrl() == null ? null : remoteKeys.apply(settings)));
    }
    this.permissions = new TokenPermissions(roles);
    this.verified = verified;
  }

  /** The verifier for the configured issuers, or null when there are none (JWTs are then refused). */
  public static JwtVerifier of(GuardstreamConfig.Auth auth, RemoteCredentialAlerts alerts) {
    if (auth.issuers().isEmpty()) {
      return null;
    }
    VerifiedTokenCache<Principal> cache = auth.tokenCacheEntries() == 0 ? null
        : new VerifiedTokenCache<>(auth.tokenCacheEntries(), Duration.ofSeconds(auth.tokenCacheMaxSeconds()));
    if (cache != null) {
      alerts.onKeysChanged(cache::invalidateAll);
    }
    return new JwtVerifier(auth.issuers(), auth.roles(), settings -> remoteKeys(settings, alerts), cache);
  }

  private static JWKSource<SecurityContext> remoteKeys(IssuerSettings settings, RemoteCredentialAlerts alerts) {
    CachedJwks keys = CachedJwks.open(JwksSettings.defaults(settings.issuer(), settings.jwksUrl()), alerts);
    try {
      keys.warmUp();
    } catch (KeySourceException e) {
      // start anyway: the keys are fetched again on the first token, and until then tokens get 502
      LOG.warn("JWKS of issuer {} not reachable at start-up: {}", settings.issuer(), e.getMessage());
    }
    return keys;
  }

  /** Verifies {@code token} as of {@code nowMs} (epoch ms). */
  public AuthResult verify(String token, long nowMs) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return new AuthResult.Denied("invalid_token", "token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    if (verified != null) {
      Optional<Principal> known = verified.get(token, nowMs);
      if (known.isPresent()) {
        return new AuthResult.Authenticated(known.get());
      }
    }
    SignedJWT jwt;
    String issuer;
    try {
      jwt = SignedJWT.parse(token);
      issuer = jwt.getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      return new AuthResult.Denied("invalid_token", "token is not a well-formed signed JWT");
    }
    IssuerVerifier verifier = issuer == null ? null : byIssuer.get(issuer);
    if (verifier == null) {
      return new AuthResult.Denied("invalid_token", "token is not from a trusted issuer");
    }
    JWTClaimsSet claims;
    try {
      claims = verifier.verify(jwt, nowMs);
    } catch (ExpiredJWTException e) {
      return new AuthResult.Denied("token_expired", "token has expired");
    } catch (BadJOSEException e) {
      // nimbus' messages name the failed check, never token content
      return new AuthResult.Denied("invalid_token", "token rejected: " + e.getMessage());
    } catch (KeySourceException e) {
      return new AuthResult.Unavailable("auth_unavailable", "the issuer's signing keys cannot be fetched; retry later");
    } catch (JOSEException e) {
      return new AuthResult.Denied("invalid_token", "token signature could not be verified");
    }
    Principal principal = permissions.principalOf(claims, verifier.settings());
    if (verified != null) {
      long exp = claims.getExpirationTime() == null ? Long.MAX_VALUE : claims.getExpirationTime().getTime();
      verified.put(token, principal, exp, nowMs);
    }
    return new AuthResult.Authenticated(principal);
  }
}
