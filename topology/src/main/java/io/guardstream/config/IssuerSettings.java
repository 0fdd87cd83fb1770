package io.guardstream.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * One trusted token issuer (an internal IdP, a partner's), each verified with its own settings.
 *
 * @param name the configuration name ({@code auth.jwt.<name>.*})
 * @param issuer required {@code iss}; also how a token is routed to these settings
 * @param audience required in {@code aud}
 * @param jwksFile public keys from a JWKS file, or null
 * @param jwksUrl public keys from an HTTPS JWKS endpoint, or null
 * @param algorithms the signature algorithms accepted (an explicit allowlist)
 * @param hmacSecret the shared secret for HS256, or null; at least 256 bits
 * @param clockSkewSeconds tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param requiredType {@code at+jwt} to accept RFC 9068 access tokens only, or null for JWT or at+jwt
 * @param modelsClaim claim listing the models a token may use directly
 * @param rolesClaim claim holding the token's scopes or roles (a space-separated string or an array)
 * @param tenantClaim claim naming the tenant; the issuer when absent
 */
public record IssuerSettings(
    String name,
    String issuer,
    String audience,
    Path jwksFile,
    URI jwksUrl,
    Set<String> algorithms,
    Secret hmacSecret,
    int clockSkewSeconds,
    String requiredType,
    String modelsClaim,
    String rolesClaim,
    String tenantClaim) {}
