package io.guardstream.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code auth.*} settings: the API key pepper, the token issuers (one under
 * {@code auth.jwt.*}, or several named in {@code auth.issuers} under {@code auth.issuer.<name>.*}),
 * the roles tokens map to ({@code auth.role.<name>.*}), the models each tenant owns
 * ({@code auth.tenant.<name>.models}) and the verified-token cache.
 */
final class AuthSettingsReader {

  static final String DEFAULT_ISSUER_PREFIX = "auth.jwt.";
  static final String NAMED_ISSUER_PREFIX = "auth.issuer.";
  static final String ROLE_PREFIX = "auth.role.";
  static final String TENANT_PREFIX = "auth.tenant.";
  static final String PEPPER = "auth.api.key.pepper";
  static final String PEPPER_DEFAULT = "env:GUARDSTREAM_KEY_PEPPER";

  /** The settings each issuer has, after its prefix. */
  static final Set<String> ISSUER_KEYS =
      Set.of("issuer", "audience", "jwks.file", "jwks.url", "algorithms", "hs256.secret", "clock.skew.seconds",
          "typ", "models.claim", "roles.claim", "tenant.claim");

  static final Set<String> ROLE_KEYS = Set.of("models", "max.tokens", "workloads", "requests.per.minute",
      "tokens.per.minute", "tokens.per.day", "usd.per.day", "usd.per.month");

  /** Asymmetric algorithms by default; HS256 only with a secret of its own. */
  private static final String DEFAULT_ALGORITHMS = "RS256,PS256,ES256,EdDSA";
  private static final Set<String> SUPPORTED_ALGORITHMS = Set.of("RS256", "PS256", "ES256", "EdDSA", "HS256");
  private static final int MIN_HMAC_SECRET_BYTES = 32;

  private final ConfigLoader loader;

  AuthSettingsReader(ConfigLoader loader) {
    this.loader = loader;
  }

  /** Whether {@code key} is one of the per-issuer, per-role or per-tenant settings of a declared name. */
  static boolean isDynamicKey(String key, List<String> issuerNames, List<String> roleNames, List<String> tenantNames) {
    return matches(key, DEFAULT_ISSUER_PREFIX, List.of(""), ISSUER_KEYS)
        || matches(key, NAMED_ISSUER_PREFIX, issuerNames, ISSUER_KEYS)
        || matches(key, ROLE_PREFIX, roleNames, ROLE_KEYS)
        || matches(key, TENANT_PREFIX, tenantNames, Set.of("models"));
  }

  private static boolean matches(String key, String prefix, List<String> names, Set<String> suffixes) {
    for (String name : names) {
      String start = name.isEmpty() ? prefix : prefix + name + ".";
      if (key.startsWith(start) && suffixes.contains(key.substring(start.length()))) {
        return true;
      }
    }
    return false;
  }

  GuardstreamConfig.Auth read() {
    List<IssuerSettings> issuers = new java.util.ArrayList<>();
    List<String> names = loader.list("auth.issuers", "");
    for (String name : names) {
      issuers.add(issuer(name, NAMED_ISSUER_PREFIX + name + ".", true));
    }
    boolean defaultIssuer = loader.isSet("auth.jwt.jwks.file") || loader.isSet("auth.jwt.jwks.url")
        || loader.isSet("auth.jwt.hs256.secret");
    if (defaultIssuer) {
      issuers.add(issuer("default", DEFAULT_ISSUER_PREFIX, false));
    }
    Set<String> seen = new LinkedHashSet<>();
    for (IssuerSettings s : issuers) {
      if (!seen.add(s.issuer())) {
        throw new ConfigException("auth.issuers", "issuer " + s.issuer() + " is configured twice");
      }
    }
    Map<String, RoleSettings> roles = new LinkedHashMap<>();
    for (String role : loader.list("auth.roles", "")) {
      String p = ROLE_PREFIX + role + ".";
      roles.put(role, new RoleSettings(role,
          loader.isSet(p + "models") ? loader.list(p + "models", "") : null,
          loader.optionalInteger(p + "max.tokens", 1, Integer.MAX_VALUE),
          loader.isSet(p + "workloads") ? loader.list(p + "workloads", "") : null,
          loader.optionalInteger(p + "requests.per.minute", 1, 10_000_000),
          new RateLimitSettingsReader(loader).quota(p)));
    }
    return new GuardstreamConfig.Auth(
        loader.secret(PEPPER, PEPPER_DEFAULT),
        List.copyOf(issuers),
        Map.copyOf(roles),
        // least privilege: a credential that names no models may call none unless the operator says so
        loader.list("auth.default.models", ""),
        loader.integer("auth.token.cache.entries", 100_000, 0, 10_000_000),
        loader.integer("auth.token.cache.max.seconds", 300, 1, 86_400),
        introspection(),
        modelTenants());
  }

  /** Model to owning tenant; a model claimed by two tenants is refused, since either answer would be a guess. */
  private Map<String, String> modelTenants() {
    Map<String, String> owners = new LinkedHashMap<>();
    for (String tenant : loader.list("auth.tenants", "")) {
      String key = TENANT_PREFIX + tenant + ".models";
      for (String model : loader.list(key, "")) {
        String other = owners.putIfAbsent(model, tenant);
        if (other != null && !other.equals(tenant)) {
          throw new ConfigException(key, "model " + model + " is already owned by tenant " + other);
        }
      }
    }
    return Map.copyOf(owners);
  }

  private IntrospectionEndpoint introspection() {
    URI url = url("auth.introspection.url");
    if (url == null) {
      return null;
    }
    String secret = "auth.introspection.client.secret";
    return new IntrospectionEndpoint(url, loader.text("auth.introspection.client.id", null),
        Secret.resolve(secret, loader.text(secret, null), loader.env()),
        loader.integer("auth.introspection.timeout.ms", 1000, 50, 60_000),
        loader.integer("auth.introspection.cache.seconds", 60, 1, 3600));
  }

  private IssuerSettings issuer(String name, String p, boolean named) {
    String jwks = loader.text(p + "jwks.file", "");
    Path jwksFile = jwks.isEmpty() ? null : Path.of(jwks);
    if (jwksFile != null && !Files.isReadable(jwksFile)) {
      throw new ConfigException(p + "jwks.file", "cannot read " + jwksFile);
    }
    URI jwksUrl = url(p + "jwks.url");
    Secret hmac = loader.isSet(p + "hs256.secret")
        ? Secret.resolve(p + "hs256.secret", loader.text(p + "hs256.secret", null), loader.env()) : null;
    if (hmac != null && hmac.bytes().length < MIN_HMAC_SECRET_BYTES) {
      throw new ConfigException(p + "hs256.secret", "must be at least 256 bits (32 bytes): a shorter HMAC secret can be brute-forced");
    }
    Set<String> algorithms = new LinkedHashSet<>(loader.list(p + "algorithms", hmac != null ? "HS256" : DEFAULT_ALGORITHMS));
    for (String a : algorithms) {
      if (!SUPPORTED_ALGORITHMS.contains(a)) {
        throw new ConfigException(p + "algorithms", "unsupported algorithm " + a + " (supported: RS256, PS256, ES256, EdDSA, HS256)");
      }
    }
    if (algorithms.contains("HS256") && hmac == null) {
      throw new ConfigException(p + "algorithms", "HS256 needs " + p + "hs256.secret");
    }
    if (hmac != null && algorithms.size() > 1) {
      // one issuer, one kind of key: mixing lets an attacker sign with a public key as the HMAC secret
      throw new ConfigException(p + "algorithms", "an issuer with an HS256 secret accepts HS256 only");
    }
    if (hmac == null && jwksFile == null && jwksUrl == null) {
      throw new ConfigException(p + "jwks.file", "issuer " + name + " needs jwks.file, jwks.url or hs256.secret");
    }
    if (jwksFile != null && jwksUrl != null) {
      throw new ConfigException(p + "jwks.url", "give jwks.file or jwks.url, not both");
    }
    String typ = loader.text(p + "typ", "any");
    if (!typ.equals("any") && !typ.equals("at+jwt")) {
      throw new ConfigException(p + "typ", "must be any (JWT or at+jwt) or at+jwt (RFC 9068 access tokens only)");
    }
    return new IssuerSettings(
        name,
        loader.text(p + "issuer", null),
        loader.text(p + "audience", null),
        jwksFile,
        jwksUrl,
        Set.copyOf(algorithms),
        hmac,
        loader.integer(p + "clock.skew.seconds", 30, 0, 600),
        typ.equals("any") ? null : typ,
        loader.text(p + "models.claim", "models"),
        loader.text(p + "roles.claim", "scope"),
        loader.text(p + "tenant.claim", "tenant"));
  }

  private URI url(String key) {
    String value = loader.text(key, "");
    if (value.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (!"https".equals(uri.getScheme())) {
        throw new ConfigException(key, "must be an https:// URL: keys fetched in the clear can be swapped in transit");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "is not a URL");
    }
  }
}
