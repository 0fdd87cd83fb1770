package io.guardstream.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.guardstream.config.IssuerSettings;
import io.guardstream.config.RoleSettings;
import io.guardstream.messages.Quota;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a verified token's claims to a {@link Principal}: the models claim directly, and the scopes or
 * roles in the issuer's roles claim through the configured roles. Several roles add up: the union of
 * their models and workloads, the highest of their caps and limits (a role without a cap lifts it).
 * Scopes that name no configured role are ignored.
 */
final class TokenPermissions {

  private final Map<String, RoleSettings> roles;

  TokenPermissions(Map<String, RoleSettings> roles) {
    this.roles = Map.copyOf(roles);
  }

  Principal principalOf(JWTClaimsSet claims, IssuerSettings issuer) {
    String tenant = stringClaim(claims, issuer.tenantClaim());
    return principalOf(claims.getIssuer() + "|" + claims.getSubject(), tenant != null ? tenant : claims.getIssuer(),
        "jwt", rolesOf(claims, issuer.rolesClaim()), stringList(claims, issuer.modelsClaim()));
  }

  /**
   * @param roleNames the credential's scopes or roles
   * @param direct models the credential names itself, or null
   */
  Principal principalOf(String id, String tenant, String method, List<String> roleNames, List<String> direct) {
    Set<String> models = null;
    if (direct != null) {
      models = new LinkedHashSet<>(direct);
    }
    Integer maxTokens = null;
    Set<String> workloads = null;
    Integer rpm = null;
    Quota quota = null;
    boolean anyRole = false;
    boolean uncappedTokens = false;
    boolean anyWorkload = false;
    for (String name : roleNames) {
      RoleSettings role = roles.get(name);
      if (role == null) {
        continue;
      }
      anyRole = true;
      if (role.models() != null) {
        models = models == null ? new LinkedHashSet<>() : models;
        models.addAll(role.models());
      }
      if (role.maxTokens() == null) {
        uncappedTokens = true;
      } else {
        maxTokens = maxTokens == null ? role.maxTokens() : Math.max(maxTokens, role.maxTokens());
      }
      if (role.workloads() == null) {
        anyWorkload = true;
      } else {
        workloads = workloads == null ? new LinkedHashSet<>() : workloads;
        workloads.addAll(role.workloads());
      }
      if (role.requestsPerMinute() != null) {
        rpm = rpm == null ? role.requestsPerMinute() : Math.max(rpm, role.requestsPerMinute());
      }
      quota = quota == null ? role.quota() : Quota.widest(quota, role.quota());
    }
    return new Principal(
        id,
        tenant,
        null,
        method,
        models == null ? null : List.copyOf(models),
        rpm,
        !anyRole || uncappedTokens ? null : maxTokens,
        !anyRole || anyWorkload || workloads == null ? null : List.copyOf(workloads),
        quota);
  }

  /** OAuth 2.0 {@code scope} is one space-separated string (RFC 8693 section 4.2); roles are often an array. */
  private static List<String> rolesOf(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    if (value instanceof String s) {
      return Arrays.stream(s.trim().split("\\s+")).filter(r -> !r.isEmpty()).toList();
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof String r) {
          out.add(r);
        }
      }
      return out;
    }
    return List.of();
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
