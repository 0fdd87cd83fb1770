package io.guardstream.auth.remote;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import io.guardstream.auth.remote.IntrospectionOutcome.Active;
import io.guardstream.auth.remote.IntrospectionOutcome.Cause;
import io.guardstream.auth.remote.IntrospectionOutcome.Inactive;
import io.guardstream.auth.remote.IntrospectionOutcome.Unavailable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * Asks an authorization server whether an opaque access token is active (RFC 7662), with the
 * Nimbus OAuth 2.0 SDK doing the protocol. Answers are cached under the token's SHA-256: active
 * ones until the token's {@code exp} or {@code maxCacheTtl}, whichever is sooner, inactive ones
 * for {@code inactiveCacheTtl}. A circuit breaker turns a failing endpoint into an immediate {@link
 * Unavailable} instead of a timeout per request. Safe for concurrent use; two threads missing the
 * cache for the same token may both call the endpoint.
 */
public final class TokenIntrospector {

  private static final Inactive INACTIVE = new Inactive();

  /** RFC 7662 §2.1: a hint lets the server look in the right place first. */
  private static final Map<String, List<String>> ACCESS_TOKEN_HINT =
      Map.of("token_type_hint", List.of("access_token"));

  private final IntrospectionSettings settings;
  private final ClientAuthentication clientAuthentication;
  private final SSLSocketFactory tls;
  private final RemoteCredentialEvents events;
  private final ExpiringTokenCache<IntrospectionOutcome> answers;
  private final CircuitBreaker breaker;
  private final String endpointName;

  /** @param tls TLS trust for the endpoint, {@code null} for the JVM default */
  public TokenIntrospector(
      IntrospectionSettings settings, SSLSocketFactory tls, RemoteCredentialEvents events) {
    this.settings = settings;
    this.clientAuthentication =
        new ClientSecretBasic(
            new ClientID(settings.clientId()),
            new com.nimbusds.oauth2.sdk.auth.Secret(
                new String(settings.clientSecret().bytes(), StandardCharsets.UTF_8)));
    this.tls = tls;
    this.events = GuardedEvents.around(events);
    this.answers = new ExpiringTokenCache<>(settings.maxCachedTokens());
    this.breaker =
        new CircuitBreaker(settings.failureThreshold(), settings.coolDown().toMillis());
    // scheme, host, port and path: enough to name it in an alert, without any query string
    this.endpointName =
        settings.endpoint().getScheme()
            + "://"
            + settings.endpoint().getHost()
            + (settings.endpoint().getPort() < 0 ? "" : ":" + settings.endpoint().getPort())
            + settings.endpoint().getPath();
  }

  /** Whether {@code token} is active as of {@code nowMs} (epoch ms, the pipeline's processing time). */
  public IntrospectionOutcome introspect(String token, long nowMs) {
    TokenDigest key = TokenDigest.of(token);
    IntrospectionOutcome cached = answers.get(key, nowMs);
    if (cached != null) {
      return cached;
    }
    if (!breaker.tryAcquire(nowMs)) {
      return new Unavailable(Cause.CIRCUIT_OPEN);
    }
    TokenIntrospectionSuccessResponse response;
    try {
      response = call(token);
    } catch (EndpointFailure failure) {
      if (breaker.recordFailure(nowMs) == CircuitBreaker.Transition.OPENED) {
        events.onIntrospectionCircuitOpen(endpointName);
      }
      return new Unavailable(failure.cause);
    }
    if (breaker.recordSuccess() == CircuitBreaker.Transition.CLOSED) {
      events.onIntrospectionCircuitClosed(endpointName);
    }
    IntrospectionOutcome outcome = judge(response, nowMs);
    answers.put(key, outcome, reusableUntil(outcome, nowMs), nowMs);
    return outcome;
  }

  /** RFC 7662 §4: never past the token's own expiry, and never long enough to miss a revocation. */
  private long reusableUntil(IntrospectionOutcome outcome, long nowMs) {
    if (outcome instanceof Active active) {
      long bound = VerifiedTokenCache.saturatedAdd(nowMs, settings.maxCacheTtl().toMillis());
      return Math.min(active.expiresAtMs(), bound);
    }
    return nowMs + settings.inactiveCacheTtl().toMillis();
  }

  /** The number of answers cached now (for metrics). */
  public int cachedAnswers() {
    return answers.size();
  }

  private TokenIntrospectionSuccessResponse call(String token) throws EndpointFailure {
    HTTPRequest request =
        new TokenIntrospectionRequest(
                settings.endpoint(), clientAuthentication, new TypelessAccessToken(token), ACCESS_TOKEN_HINT)
            .toHTTPRequest();
    int timeoutMs = (int) settings.callTimeout().toMillis();
    request.setConnectTimeout(timeoutMs);
    request.setReadTimeout(timeoutMs);
    // a redirect would carry the token to wherever the endpoint points us
    request.setFollowRedirects(false);
    if (tls != null) {
      request.setSSLSocketFactory(tls);
    }
    HTTPResponse http;
    try {
      http = request.send();
    } catch (SocketTimeoutException e) {
      throw new EndpointFailure(Cause.TIMEOUT);
    } catch (IOException e) {
      throw new EndpointFailure(Cause.ENDPOINT_ERROR);
    }
    // RFC 7662 §2.3: a refused client or a malformed request is an error status, never "inactive"
    if (http.getStatusCode() != HTTPResponse.SC_OK) {
      throw new EndpointFailure(Cause.ENDPOINT_ERROR);
    }
    try {
      return TokenIntrospectionSuccessResponse.parse(http);
    } catch (ParseException e) {
      throw new EndpointFailure(Cause.MALFORMED_RESPONSE);
    }
  }

  /**
   * RFC 7662 §2.2 and §4: the server's {@code active} alone is not enough when its own {@code exp}
   * or {@code nbf} says otherwise as of our clock; believe the stricter of the two.
   */
  private static IntrospectionOutcome judge(TokenIntrospectionSuccessResponse response, long nowMs) {
    if (!response.isActive()) {
      return INACTIVE;
    }
    Date exp = response.getExpirationTime();
    Date nbf = response.getNotBeforeTime();
    if ((exp != null && exp.getTime() <= nowMs) || (nbf != null && nbf.getTime() > nowMs)) {
      return INACTIVE;
    }
    List<Audience> audience = response.getAudience();
    return new Active(
        response.getSubject() == null ? null : response.getSubject().getValue(),
        response.getScope() == null ? Set.of() : Set.copyOf(response.getScope().toStringList()),
        response.getClientID() == null ? null : response.getClientID().getValue(),
        response.getUsername(),
        exp == null ? Long.MAX_VALUE : exp.getTime(),
        audience == null ? List.of() : Audience.toStringList(audience),
        response.getIssuer() == null ? null : response.getIssuer().getValue(),
        response.getJWTID() == null ? null : response.getJWTID().getValue());
  }

  /** A failed call, by kind; carries no message, so nothing of the request can leak through it. */
  private static final class EndpointFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Cause cause;

    EndpointFailure(Cause cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }
}
