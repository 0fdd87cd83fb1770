package io.guardstream.auth.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.auth.remote.IntrospectionOutcome.Active;
import io.guardstream.auth.remote.IntrospectionOutcome.Cause;
import io.guardstream.auth.remote.IntrospectionOutcome.Inactive;
import io.guardstream.auth.remote.IntrospectionOutcome.Unavailable;
import io.guardstream.auth.remote.LocalHttpsServer.Reply;
import io.guardstream.auth.remote.LocalHttpsServer.Request;
import io.guardstream.config.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenIntrospectorTest {

  private static final String PATH = "/oauth2/introspect";
  private static final long NOW = 1_700_000_000_000L;
  private static final String CLIENT_SECRET = "s3cr3t-introspection-client";
  private static final Duration MAX_CACHE_TTL = Duration.ofSeconds(60);
  private static final Duration INACTIVE_CACHE_TTL = Duration.ofSeconds(10);
  private static final Duration COOL_DOWN = Duration.ofSeconds(30);
  private static final int FAILURE_THRESHOLD = 3;

  /** What the server answers per token; unknown tokens are inactive. */
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  /** When set, the server answers this to everything (an outage, a slow or broken server). */
  private final AtomicReference<Reply> override = new AtomicReference<>();
  private final AtomicReference<Request> lastRequest = new AtomicReference<>();
  private final CachedJwksTest.RecordedEvents events = new CachedJwksTest.RecordedEvents();
  private LocalHttpsServer server;
  private TokenIntrospector introspector;

  @BeforeEach
  void start() throws Exception {
    server = new LocalHttpsServer();
    server.route(PATH, this::answer);
    introspector = new TokenIntrospector(settings(server.uri(PATH)), LocalHttpsServer.clientTls(), events);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldReturnActiveWithClaimsWhenEndpointSaysActive() {
    answers.put("opaque-1", activeUntil(NOW + 600_000, "\"jti\":\"t-1\",\"username\":\"alice@example.com\""));

    var outcome = introspector.introspect("opaque-1", NOW);

    assertThat(outcome)
        .isEqualTo(
            new Active(
                "alice",
                Set.of("chat:write", "models:read"),
                "app-1",
                "alice@example.com",
                NOW + 600_000,
                List.of("guardstream"),
                "https://idp.test",
                "t-1"));
  }

  @Test
  void shouldAuthenticateWithClientSecretBasicAndHintAccessTokenWhenCalling() {
    introspector.introspect("opaque-1", NOW);

    Request request = lastRequest.get();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(request.authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("guardstream:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(form(request.body()))
        .containsEntry("token", "opaque-1")
        .containsEntry("token_type_hint", "access_token");
  }

  @Test
  void shouldReturnInactiveWhenEndpointSaysInactive() {
    assertThat(introspector.introspect("revoked", NOW)).isEqualTo(new Inactive());
  }

  @Test
  void shouldAnswerFromCacheWhenSameTokenIntrospectedAgain() {
    answers.put("opaque-1", activeUntil(NOW + 600_000, null));

    var first = introspector.introspect("opaque-1", NOW);
    var second = introspector.introspect("opaque-1", NOW + 1_000);
    var third = introspector.introspect("opaque-1", NOW + 59_000);

    assertThat(server.hits(PATH)).isEqualTo(1);
    assertThat(second).isEqualTo(first).isEqualTo(third);
    assertThat(introspector.cachedAnswers()).isEqualTo(1);
  }

  @Test
  void shouldCallAgainWhenTokenExpiresBeforeMaxCacheTtl() {
    answers.put("short-lived", activeUntil(NOW + 10_000, null));

    assertThat(introspector.introspect("short-lived", NOW)).isInstanceOf(Active.class);
    assertThat(introspector.introspect("short-lived", NOW + 9_999)).isInstanceOf(Active.class);
    assertThat(server.hits(PATH)).isEqualTo(1);

    // the server still says active, but its own exp has passed by our clock
    assertThat(introspector.introspect("short-lived", NOW + 10_000)).isEqualTo(new Inactive());
    assertThat(server.hits(PATH)).isEqualTo(2);
  }

  @Test
  void shouldCallAgainWhenMaxCacheTtlPassesBeforeExp() {
    answers.put("long-lived", activeUntil(NOW + 3_600_000, null));

    introspector.introspect("long-lived", NOW);
    introspector.introspect("long-lived", NOW + MAX_CACHE_TTL.toMillis() - 1);
    assertThat(server.hits(PATH)).isEqualTo(1);

    answers.remove("long-lived"); // revoked at the server meanwhile
    assertThat(introspector.introspect("long-lived", NOW + MAX_CACHE_TTL.toMillis())).isEqualTo(new Inactive());
    assertThat(server.hits(PATH)).isEqualTo(2);
  }

  @Test
  void shouldReuseInactiveAnswerOnlyForInactiveCacheTtl() {
    introspector.introspect("bogus", NOW);
    introspector.introspect("bogus", NOW + INACTIVE_CACHE_TTL.toMillis() - 1);
    assertThat(server.hits(PATH)).isEqualTo(1);

    introspector.introspect("bogus", NOW + INACTIVE_CACHE_TTL.toMillis());
    assertThat(server.hits(PATH)).isEqualTo(2);
  }

  @Test
  void shouldTreatActiveAnswerAsInactiveWhenItsExpHasPassed() {
    answers.put("stale", activeUntil(NOW - 1_000, null));

    assertThat(introspector.introspect("stale", NOW)).isEqualTo(new Inactive());
  }

  @Test
  void shouldOpenCircuitAndFailFastWhenEndpointKeepsFailing() {
    override.set(Reply.status(500));

    for (int i = 0; i < FAILURE_THRESHOLD; i++) {
      assertThat(introspector.introspect("opaque-1", NOW)).isEqualTo(new Unavailable(Cause.ENDPOINT_ERROR));
    }
    var failedFast = introspector.introspect("opaque-1", NOW + COOL_DOWN.toMillis() - 1);

    assertThat(failedFast).isEqualTo(new Unavailable(Cause.CIRCUIT_OPEN));
    assertThat(server.hits(PATH)).isEqualTo(FAILURE_THRESHOLD);
    assertThat(events.log).containsExactly("circuit-open " + server.uri(PATH));
  }

  @Test
  void shouldCloseCircuitWhenHalfOpenProbeSucceeds() {
    answers.put("opaque-1", activeUntil(NOW + 600_000, null));
    openCircuit();

    override.set(null);
    var probe = introspector.introspect("opaque-1", NOW + COOL_DOWN.toMillis());

    assertThat(probe).isInstanceOf(Active.class);
    assertThat(introspector.introspect("other", NOW + COOL_DOWN.toMillis())).isEqualTo(new Inactive());
    assertThat(server.hits(PATH)).isEqualTo(FAILURE_THRESHOLD + 2);
    assertThat(events.log).endsWith("circuit-closed " + server.uri(PATH));
  }

  @Test
  void shouldReopenCircuitWhenHalfOpenProbeFails() {
    openCircuit();

    var probe = introspector.introspect("opaque-1", NOW + COOL_DOWN.toMillis());
    var next = introspector.introspect("opaque-1", NOW + COOL_DOWN.toMillis() + 1);

    assertThat(probe).isEqualTo(new Unavailable(Cause.ENDPOINT_ERROR));
    assertThat(next).isEqualTo(new Unavailable(Cause.CIRCUIT_OPEN));
    assertThat(server.hits(PATH)).isEqualTo(FAILURE_THRESHOLD + 1);
  }

  @Test
  void shouldReportTimeoutWhenEndpointAnswersTooSlowly() {
    override.set(new Reply(200, activeUntil(NOW + 600_000, null), 2_000));

    assertThat(introspector.introspect("opaque-1", NOW)).isEqualTo(new Unavailable(Cause.TIMEOUT));
  }

  @Test
  void shouldReportUnavailableNotInactiveWhenEndpointIsDown() {
    server.stop();

    assertThat(introspector.introspect("opaque-1", NOW)).isEqualTo(new Unavailable(Cause.ENDPOINT_ERROR));
  }

  @Test
  void shouldReportEndpointErrorNotInactiveWhenClientCredentialsAreRefused() {
    override.set(new Reply(401, "{\"error\":\"invalid_client\"}", 0));

    assertThat(introspector.introspect("opaque-1", NOW)).isEqualTo(new Unavailable(Cause.ENDPOINT_ERROR));
  }

  @Test
  void shouldReportMalformedResponseWhenBodyIsNotAnIntrospectionAnswer() {
    override.set(Reply.ok("{\"sub\":\"alice\"}"));

    assertThat(introspector.introspect("opaque-1", NOW)).isEqualTo(new Unavailable(Cause.MALFORMED_RESPONSE));
  }

  @Test
  void shouldRefuseHttpEndpointWhenInsecureIsNotAllowed() {
    assertThatThrownBy(
            () -> IntrospectionSettings.defaults(URI.create("http://idp.test/introspect"), "guardstream", secret()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
  }

  @Test
  void shouldKeepClientSecretOutOfSettingsWhenPrinted() {
    assertThat(settings(server.uri(PATH)).toString()).doesNotContain(CLIENT_SECRET);
  }

  private void openCircuit() {
    override.set(Reply.status(503));
    for (int i = 0; i < FAILURE_THRESHOLD; i++) {
      introspector.introspect("opaque-1", NOW);
    }
  }

  private Reply answer(Request request) {
    lastRequest.set(request);
    Reply forced = override.get();
    if (forced != null) {
      return forced;
    }
    String token = form(request.body()).get("token");
    return Reply.ok(answers.getOrDefault(token, "{\"active\":false}"));
  }

  private static String activeUntil(long expMs, String extraClaims) {
    return "{\"active\":true,\"sub\":\"alice\",\"scope\":\"chat:write models:read\",\"client_id\":\"app-1\","
        + "\"aud\":[\"guardstream\"],\"iss\":\"https://idp.test\",\"exp\":"
        + expMs / 1000
        + (extraClaims == null ? "" : "," + extraClaims)
        + "}";
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }

  private static Secret secret() {
    return Secret.ephemeral("introspection-client", CLIENT_SECRET.getBytes(StandardCharsets.UTF_8));
  }

  private static IntrospectionSettings settings(URI endpoint) {
    return new IntrospectionSettings(
        endpoint,
        "guardstream",
        secret(),
        Duration.ofMillis(500),
        MAX_CACHE_TTL,
        INACTIVE_CACHE_TTL,
        1_000,
        FAILURE_THRESHOLD,
        COOL_DOWN,
        false);
  }
}
