package io.guardstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.guardstream.config.ConfigException;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.IssuerSettings;
import io.guardstream.config.RoleSettings;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies JWT bearer tokens from one or more trusted issuers. The unverified {@code iss} only picks
 * which issuer's settings and keys to verify with; nothing in the token is trusted before its
 * signature and claims pass there. Scopes or roles in the issuer's roles claim map to the same
 * permissions as API keys.
 */
public final class JwtVerifier {

  private final Map<String, IssuerVerifier> byIssuer = new HashMap<>();
  private final TokenPermissions permissions;

  /**
   * @param remoteKeys the key source of an issuer with a JWKS URL (null for file and HMAC issuers)
   */
  public JwtVerifier(List<IssuerSettings> issuers, Map<String, RoleSettings> roles,
      Function<IssuerSettings, JWKSource<SecurityContext>> remoteKeys) {
    for (IssuerSettings settings : issuers) {
      byIssuer.put(settings.issuer(), new IssuerVerifier(settings,
          settings.jwksUrl() == null ? null : remoteKeys.apply(settings)));
    }
    this.permissions = new TokenPermissions(roles);
  }

  /** The verifier for the configured issuers, or null when there are none (JWTs are then refused). */
  public static JwtVerifier of(GuardstreamConfig.Auth auth) {
    if (auth.issuers().isEmpty()) {
      return null;
    }
    return new JwtVerifier(auth.issuers(), auth.roles(), JwtVerifier::remoteKeys);
  }

  private static JWKSource<SecurityContext> remoteKeys(IssuerSettings settings) {
    try {
      return JWKSourceBuilder.create(settings.jwksUrl().toURL()).build();
    } catch (MalformedURLException e) {
      throw new ConfigException("jwks.url of issuer " + settings.name(), "is not a URL");
    }
  }

  /** Verifies {@code token} as of {@code nowMs} (epoch ms). */
  public AuthResult verify(String token, long nowMs) {
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
    } catch (JOSEException e) {
      return new AuthResult.Denied("invalid_token", "token signature could not be verified");
    }
    return new AuthResult.Authenticated(permissions.principalOf(claims, verifier.settings()));
  }
}
