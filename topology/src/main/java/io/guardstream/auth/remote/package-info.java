/**
 * Credentials whose truth lives on another server: signing keys published as a JWKS by an issuer,
 * and opaque OAuth 2.0 access tokens that only the issuer's RFC 7662 introspection endpoint can
 * judge. Plain Java, no Kafka types.
 *
 * <p>{@link io.guardstream.auth.remote.CachedJwks} is a nimbus {@code JWKSource} for a JWKS file or
 * HTTPS URL: cached, refreshed when a token names an unknown {@code kid} (rate limited, so a flood
 * of invented key ids cannot hammer the issuer), and served from cache through an outage. {@link
 * io.guardstream.auth.remote.TokenIntrospector} asks the introspection endpoint, caches the answer
 * no longer than the token lives, and stops calling a failing endpoint (circuit breaker) so that an
 * outage fails fast as {@link io.guardstream.auth.remote.IntrospectionOutcome.Unavailable}, never as
 * an invalid token. {@link io.guardstream.auth.remote.VerifiedTokenCache} lets a repeated JWT skip
 * its signature check. What goes wrong on the way is reported through {@link
 * io.guardstream.auth.remote.RemoteCredentialEvents}, which the pipeline turns into alerts.
 *
 * <p>Tokens are cached under their SHA-256, never as themselves; no token, client secret or key
 * material appears in an event, log or exception message.
 */
package io.guardstream.auth.remote;
