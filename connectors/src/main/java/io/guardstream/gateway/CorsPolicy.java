package io.guardstream.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Which browser origins may call the API (the Fetch standard's CORS protocol). The API key travels
 * in the {@code Authorization} header, never in a cookie, so credentials are never allowed and a
 * page from another origin learns nothing it could not fetch itself; the allowlist keeps unknown
 * pages from spending a user's key that the page got hold of, and from reading the answers.
 */
public final class CorsPolicy {

  /** Request headers a browser client may send: OpenAI's SDKs add their own. */
  private static final Set<String> ALLOWED_HEADERS =
      Set.of("authorization", "content-type", "openai-organization", "openai-project", "openai-beta", "x-request-id");
  private static final String ALLOWED_HEADER_PREFIX = "x-stainless-";
  private static final String EXPOSED_HEADERS = "x-request-id, retry-after, x-ratelimit-limit-requests, "
      + "x-ratelimit-remaining-requests, x-ratelimit-reset-requests, x-ratelimit-limit-tokens, "
      + "x-ratelimit-remaining-tokens, x-ratelimit-reset-tokens";
  static final String ALLOWED_METHODS = "POST, OPTIONS";
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

  private final Set<String> origins;
  private final boolean anyOrigin;

  public CorsPolicy(List<String> allowedOrigins) {
    this.origins = allowedOrigins.stream().map(CorsPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    this.anyOrigin = origins.contains("*");
  }

  /** True when a request from {@code origin} may proceed; a request without an origin is not a CORS request. */
  public boolean allows(String origin) {
    return origin == null || anyOrigin || origins.contains(normalise(origin));
  }

  /** Headers for the answer to an allowed actual request from a browser. */
  public void addResponseHeaders(String origin, HttpFields.Mutable headers) {
    if (origin == null) {
      return;
    }
    headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.add(HttpHeader.VARY, "Origin");
    headers.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
  }

  /**
   * Headers for the answer to an allowed preflight. Only the requested headers that are on the
   * allowlist are echoed, so the browser refuses a request that would carry anything else.
   */
  public void addPreflightHeaders(String origin, String requestedHeaders, HttpFields.Mutable headers) {
    headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.add(HttpHeader.VARY, "Origin");
    headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
    String allowed = allowedHeaders(requestedHeaders);
    if (!allowed.isEmpty()) {
      headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, allowed);
    }
    headers.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
  }

  static String allowedHeaders(String requested) {
    if (requested == null || requested.isBlank()) {
      return "";
    }
    StringBuilder allowed = new StringBuilder();
    for (String name : requested.split(",")) {
      String header = name.trim().toLowerCase(Locale.ROOT);
      if (ALLOWED_HEADERS.contains(header) || header.startsWith(ALLOWED_HEADER_PREFIX)) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(header);
      }
    }
    return allowed.toString();
  }

  /** Scheme and host are case-insensitive (RFC 6454 section 4); a trailing slash is not part of an origin. */
  private static String normalise(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
