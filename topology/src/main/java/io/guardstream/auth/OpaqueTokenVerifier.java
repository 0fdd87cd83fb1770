package io.guardstream.auth;

import io.guardstream.auth.remote.IntrospectionOutcome;
import io.guardstream.auth.remote.IntrospectionSettings;
import io.guardstream.auth.remote.TokenIntrospector;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.IntrospectionEndpoint;
import io.guardstream.config.RoleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Opaque OAuth 2.0 access tokens, checked by RFC 7662 introspection (answers cached until the
 * token's {@code exp} or the configured bound; a circuit breaker fails fast while the endpoint is
 * down). The token's scopes map to roles as a JWT's do.
 */
public final class OpaqueTokenVerifier {

  private final TokenIntrospector introspector;
  private final TokenPermissions permissions;
  private final String issuerFallback;

  /** @param issuerFallback names the authorization server when its answers carry no {@code iss} */
  public OpaqueTokenVerifier(TokenIntrospector introspector, Map<String, RoleSettings> roles, String issuerFallback) {
    this.introspector = introspector;
    this.permissions = new TokenPermissions(roles);
    this.issuerFallback = issuerFallback;
  }

  /** The verifier for the configured endpoint, or null when none is configured (opaque tokens are then refused). */
  public static OpaqueTokenVerifier of(GuardstreamConfig.Auth auth, RemoteCredentialAlerts alerts) {
    IntrospectionEndpoint endpoint = auth.introspection();
    if (endpoint == null) {
      return null;
    }
    IntrospectionSettings defaults = IntrospectionSettings.defaults(endpoint.url(), endpoint.clientId(), endpoint.clientSecret());
    IntrospectionSettings settings = new IntrospectionSettings(defaults.endpoint(), defaults.clientId(),
        defaults.clientSecret(), Duration.ofMillis(endpoint.timeoutMs()), Duration.ofSeconds(endpoint.cacheSeconds()),
        defaults.inactiveCacheTtl(), defaults.maxCachedTokens(), defaults.failureThreshold(), defaults.coolDown(),
        defaults.allowInsecureForTests());
    return new OpaqueTokenVerifier(new TokenIntrospector(settings, null, alerts), auth.roles(), endpoint.url().getHost());
  }

  public AuthResult verify(String token, long nowMs) {
    IntrospectionOutcome outcome = introspector.introspect(token, nowMs);
    if (outcome instanceof IntrospectionOutcome.Active active) {
      String issuer = active.issuer() != null ? active.issuer() : issuerFallback;
      String subject = active.subject() != null ? active.subject() : "client:" + active.clientId();
      return new AuthResult.Authenticated(
          permissions.principalOf(issuer + "|" + subject, issuer, "opaque_token", List.copyOf(active.scopes()), null));
    }
    if (outcome instanceof IntrospectionOutcome.Inactive) {
      return new AuthResult.Denied("invalid_token", "access token is not active");
    }
    return new AuthResult.Unavailable("auth_unavailable", "the access token could not be checked; retry later");
  }
}
