package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poster against a real local HTTP server that verifies every signature. */
class WebhookPosterTest {

  private static final String SECRET = "test-secret-" + "x".repeat(32);
  private static final Backoff FAST = new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(2000));

  private final AlertReceiver receiver = new AlertReceiver(SECRET);

  WebhookPosterTest() throws IOException {}

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookPoster poster(URI url, Backoff backoff) {
    return new WebhookPoster(url, new WebhookSignature(SECRET), Duration.ofSeconds(5), backoff, Clock.systemUTC());
  }

  @Test
  void shouldDeliverOnceSignedWithTheAlertIdWhenTheReceiverAccepts() {
    byte[] body = Alerts.bytes("a-1");
    try (WebhookPoster poster = poster(receiver.url(), FAST)) {
      assertThat(poster.post("a-1", body)).isEqualTo(new WebhookPoster.Outcome.Delivered(1, 204));
    }
    assertThat(receiver.requests()).singleElement().satisfies(r -> {
      assertThat(r.verified()).isTrue();
      assertThat(r.body()).isEqualTo(body);
      assertThat(r.headers().get("Content-type")).containsExactly("application/json");
    });
  }

  @Test
  void shouldRetryWithAFreshSignatureAndDeliverWhenTheReceiverFailsTwiceThenRecovers() {
    receiver.failFirst("a-2", 2, 503, null);
    try (WebhookPoster poster = poster(receiver.url(), FAST)) {
      assertThat(poster.post("a-2", Alerts.bytes("a-2"))).isEqualTo(new WebhookPoster.Outcome.Delivered(3, 204));
    }
    assertThat(receiver.requests("a-2")).extracting(AlertReceiver.Request::status).containsExactly(503, 503, 204);
    assertThat(receiver.requests("a-2")).allMatch(AlertReceiver.Request::verified);
  }

  @Test
  void shouldWaitTheRetryAfterWhenThrottled() {
    receiver.failFirst("a-3", 1, 429, "1");
    try (WebhookPoster poster = poster(receiver.url(), FAST)) {
      assertThat(poster.post("a-3", Alerts.bytes("a-3"))).isInstanceOf(WebhookPoster.Outcome.Delivered.class);
    }
    var attempts = receiver.requests("a-3");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(1).atNanos() - attempts.get(0).atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
  }

  @Test
  void shouldFailAfterMaxRetriesPlusOneAttemptsWhenTheReceiverKeepsFailing() {
    receiver.alwaysFail("a-4", 500);
    try (WebhookPoster poster = poster(receiver.url(), FAST)) {
      assertThat(poster.post("a-4", Alerts.bytes("a-4"))).isEqualTo(new WebhookPoster.Outcome.Failed(4, "HTTP 500, retries exhausted"));
    }
    assertThat(receiver.requests("a-4")).hasSize(4);
  }

  @Test
  void shouldFailAtOnceWhenTheReceiverRefusesWithAClientError() {
    receiver.alwaysFail("a-5", 400);
    try (WebhookPoster poster = poster(receiver.url(), FAST)) {
      assertThat(poster.post("a-5", Alerts.bytes("a-5"))).isEqualTo(new WebhookPoster.Outcome.Failed(1, "HTTP 400 (not retried)"));
    }
    assertThat(receiver.requests("a-5")).hasSize(1);
  }

  @Test
  void shouldFailAtOnceWhenTheRetryAfterIsLongerThanTheMaximumBackoff() {
    receiver.failFirst("a-6", 1, 503, "3600");
    try (WebhookPoster poster = poster(receiver.url(), FAST)) {
      WebhookPoster.Outcome outcome = poster.post("a-6", Alerts.bytes("a-6"));
      assertThat(outcome).isInstanceOf(WebhookPoster.Outcome.Failed.class);
      assertThat(((WebhookPoster.Outcome.Failed) outcome).reason()).contains("Retry-After longer than");
    }
    assertThat(receiver.requests("a-6")).hasSize(1);
  }

  @Test
  void shouldRetryAndNameNoUrlWhenTheReceiverIsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + closedPort + "/hooks/T0/B0/tokenpart");
    try (WebhookPoster poster = poster(url, FAST)) {
      WebhookPoster.Outcome outcome = poster.post("a-7", Alerts.bytes("a-7"));
      assertThat(outcome).isInstanceOf(WebhookPoster.Outcome.Failed.class);
      WebhookPoster.Outcome.Failed failed = (WebhookPoster.Outcome.Failed) outcome;
      assertThat(failed.attempts()).isEqualTo(4);
      assertThat(failed.reason()).endsWith("retries exhausted").doesNotContain("tokenpart").doesNotContain(Integer.toString(closedPort));
    }
  }

  @Test
  void shouldAbandonPromptlyWhenClosedDuringABackoff() throws Exception {
    receiver.alwaysFail("a-8", 503);
    Backoff slow = new Backoff(3, Duration.ofSeconds(30), Duration.ofSeconds(30));
    WebhookPoster poster = poster(receiver.url(), slow);
    // jitter may pick a short delay; a 30 s ceiling makes an abandoned wait far likelier than a finished one
    CompletableFuture<WebhookPoster.Outcome> outcome = CompletableFuture.supplyAsync(() -> poster.post("a-8", Alerts.bytes("a-8")));
    org.awaitility.Awaitility.await("first attempt").atMost(Duration.ofSeconds(10)).until(() -> !receiver.requests("a-8").isEmpty());
    long closedAt = System.nanoTime();
    poster.close();
    WebhookPoster.Outcome result = outcome.get(10, TimeUnit.SECONDS);
    assertThat(System.nanoTime() - closedAt).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(result).isInstanceOfAny(WebhookPoster.Outcome.Abandoned.class, WebhookPoster.Outcome.Failed.class);
  }
}
