package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.guardstream.auth.KeyHasher;
import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.config.TopicNames;
import io.guardstream.gateway.Gateway;
import io.guardstream.gateway.GatewayConfig;
import io.guardstream.gateway.SelfSignedCertificate;
import io.guardstream.topology.GuardstreamApp;
import io.guardstream.topology.StandardDetectors;
import io.guardstream.worker.EchoWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified OpenAI Java SDK, over HTTPS trusting one self-signed certificate, through the
 * gateway and the real pipeline (embedded KRaft broker, topology, echo worker) and back.
 */
class GatewayIT {

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static GuardstreamApp app;
  private static EchoWorker worker;
  private static Gateway gateway;
  private static SelfSignedCertificate certificate;
  private static String goodKey;
  private static String limitedKey;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    TopicNames t = TopicNames.DEFAULTS;
    kafka.createTopics(Set.of(t.requests()), 3, Map.of("message.timestamp.type", "LogAppendTime"));
    kafka.createTopics(Map.of(t.workerRequests(), 3, t.workerResponses(), 3, t.responses(), 3, t.audit(), 3,
        t.alerts(), 1, t.dlq(), 1));
    kafka.createCompactedTopic(t.keys(), 1);
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    p.setProperty("application.id", "gateway-it");
    p.setProperty("state.dir", dir.resolve("state").toString());
    var config = LocalSettings.load(null, p);
    var registry = new KeyRegistryClient(kafka.bootstrapServers(), t.keys());
    var hasher = KeyHasher.of(config.auth().apiKeyPepper());
    goodKey = KeysCommand.issue(registry, hasher, "sdk-user", KeysCommand.scopes("test", List.of("gpt-4o-mini"), 1_000, null, null), 1);
    limitedKey = KeysCommand.issue(registry, hasher, "sdk-batch", KeysCommand.scopes("test", List.of("gpt-4o-mini"), 2, null, null), 1);
    app = GuardstreamApp.start(config, StandardDetectors.load());
    worker = new EchoWorker(kafka.bootstrapServers(), t.workerRequests(), t.workerResponses(), "gateway-it-worker").start();
    await("pipeline running").atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING);

    certificate = SelfSignedCertificate.generate(dir.resolve("tls"), Duration.ofDays(1));
    gateway = Gateway.start(new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0, certificate.tls(),
        Duration.ofSeconds(30), 262_144, 1_000, List.of(), List.of(), t.requests(), t.responses()));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {gateway, worker, app, kafka}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  private static OpenAIClient sdk(String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(gateway.baseUri().toString())
        .apiKey(apiKey)
        .sslSocketFactory(certificate.sslContext().getSocketFactory())
        .trustManager(certificate.trustManager())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(40))
        .build();
  }

  private static ChatCompletionCreateParams hello() {
    return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello to the gateway").build();
  }

  @Test
  void shouldCompleteAChatThroughThePipelineWhenTheSdkUsesAValidKey() {
    ChatCompletion completion = sdk(goodKey).chat().completions().create(hello());
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content()).hasValue("echo: Say hello to the gateway");
    assertThat(completion.model()).isEqualTo("gpt-4o-mini");
    assertThat(completion.usage().orElseThrow().totalTokens()).isPositive();
  }

  @Test
  void shouldRaiseUnauthorizedWhenTheSdkUsesABadKey() {
    UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class,
        () -> sdk("gstk_AAAAAAAAAAAA" + "x".repeat(33)).chat().completions().create(hello()));
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.headers().values("strict-transport-security")).isNotEmpty();
  }

  @Test
  void shouldRaiseRateLimitWithTheLimitHeadersWhenTheKeyIsOverItsLimit() {
    OpenAIClient client = sdk(limitedKey);
    client.chat().completions().create(hello());
    client.chat().completions().create(hello());
    RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> client.chat().completions().create(hello()));
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.headers().values("x-ratelimit-limit-requests")).containsExactly("2");
    assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
    assertThat(e.headers().values("x-ratelimit-reset-requests")).hasSize(1);
    assertThat(e.headers().values("retry-after")).hasSize(1);
  }
}
