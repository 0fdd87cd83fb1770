package io.guardstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Choice;
import io.guardstream.messages.Completion;
import io.guardstream.messages.ErrorBody;
import io.guardstream.messages.Usage;
import io.guardstream.serde.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways on a real KRaft broker, in front of a stand-in for the pipeline that answers on the
 * responses topic the way the topology does (same key, status, rate-limit headers). The real
 * topology behind the gateway, driven by the OpenAI SDK, is cli's GatewayIT.
 */
class GatewayReplyIT {

  private static final String REQUESTS = "gw.requests";
  private static final String RESPONSES = "gw.responses";

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static StandInPipeline pipeline;
  private static SelfSignedCertificate certificate;
  private static HttpClient client;

  /** Answers each request: model "silent" never, "limited" with a 429 and headers, others with a completion naming the caller. */
  static final class StandInPipeline implements Runnable, AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread = new Thread(this, "stand-in-pipeline");

    StandInPipeline(String bootstrap) {
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      c.put(ConsumerConfig.GROUP_ID_CONFIG, "stand-in-pipeline");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(REQUESTS));
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
            answer(r);
          }
        }
      } catch (WakeupException e) {
        // closing
      }
    }

    private void answer(ConsumerRecord<String, byte[]> r) {
      JsonNode request = Json.fromBytes(r.value(), JsonNode.class);
      String model = request.path("model").asText();
      var headers = new RecordHeaders();
      CallerResponse response;
      if (model.equals("silent")) {
        return;
      } else if (model.equals("limited")) {
        headers.add("x-ratelimit-limit-requests", "2".getBytes(StandardCharsets.UTF_8));
        headers.add("x-ratelimit-remaining-requests", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("x-ratelimit-reset-requests", "42s".getBytes(StandardCharsets.UTF_8));
        headers.add("retry-after", "42".getBytes(StandardCharsets.UTF_8));
        headers.add("x-pipeline-internal", "not for clients".getBytes(StandardCharsets.UTF_8));
        response = new CallerResponse(r.key(), 429, null, new ErrorBody("rate_limit_error", "rate_limited", "slow down"));
      } else {
        String seen = header(r, GatewayHeaders.AUTHORIZATION) + " from " + header(r, GatewayHeaders.CLIENT_ADDRESS)
            + " as " + request.path("id").asText();
        var choice = new Choice(0, new ChatMessage("assistant", seen), "stop");
        response = new CallerResponse(r.key(), 200, new Completion("chatcmpl-" + r.key(), "chat.completion", 1L, model,
            List.of(choice), new Usage(1, 1, 2)), null);
      }
      producer.send(new ProducerRecord<>(RESPONSES, null, r.key(), Json.toBytes(response), headers));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
      var h = r.headers().lastHeader(name);
      return h == null ? "none" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      consumer.wakeup();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      consumer.close();
      producer.close();
    }
  }

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(Map.of(REQUESTS, 3, RESPONSES, 3));
    pipeline = new StandInPipeline(kafka.bootstrapServers());
    certificate = SelfSignedCertificate.generate(dir, Duration.ofDays(1));
    client = HttpClient.newBuilder().sslContext(certificate.sslContext()).build();
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static GatewayConfig config(Duration timeout, String responses) {
    return new GatewayConfig(kafka.bootstrapServers(), "127.0.0.1", 0, certificate.tls(), timeout, 65_536, 1_000,
        List.of(), List.of(), REQUESTS, responses);
  }

  private static CompletableFuture<HttpResponse<String>> chat(Gateway gateway, String model, String key) {
    String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    return client.sendAsync(HttpRequest.newBuilder(gateway.baseUri().resolve("/v1/chat/completions"))
        .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldDeliverEveryAnswerToTheInstanceThatAskedWhenTwoGatewaysShareTheTopics() throws Exception {
    try (Gateway first = Gateway.start(config(Duration.ofSeconds(20), RESPONSES));
        Gateway second = Gateway.start(config(Duration.ofSeconds(20), RESPONSES))) {
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(chat(i % 2 == 0 ? first : second, "gpt-4o-mini", "key-" + i));
      }
      for (int i = 0; i < calls.size(); i++) {
        HttpResponse<String> response = calls.get(i).get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        String content = Json.MAPPER.readTree(response.body()).path("choices").get(0).path("message").path("content").asText();
        assertThat(content).isEqualTo("Bearer key-" + i + " from 127.0.0.1 as " + requestId);
      }
    }
  }

  @Test
  void shouldCopyOnlyRateLimitHeadersWhenThePipelineAnswers429() throws Exception {
    try (Gateway gateway = Gateway.start(config(Duration.ofSeconds(20), RESPONSES))) {
      HttpResponse<String> response = chat(gateway, "limited", "k").get();
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).hasValue("42");
      assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
      assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
      assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("42s");
      assertThat(response.headers().firstValue("x-pipeline-internal")).isEmpty();
      assertThat(Json.MAPPER.readTree(response.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }
  }

  @Test
  void shouldAnswer504InOpenAiFormatWhenThePipelineDoesNotAnswerInTime() throws Exception {
    try (Gateway gateway = Gateway.start(config(Duration.ofMillis(1_500), RESPONSES))) {
      assertThat(gateway.ready()).isTrue();
      HttpResponse<String> response = chat(gateway, "silent", "k").get();
      assertThat(response.statusCode()).isEqualTo(504);
      JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("api_error");
      assertThat(error.path("code").asText()).isEqualTo("pipeline_timeout");
      // the gateway still works after a timeout
      assertThat(chat(gateway, "gpt-4o-mini", "k").get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldRefuseToStartWhenTheResponsesTopicDoesNotExist() {
    assertThatThrownBy(() -> Gateway.start(config(Duration.ofSeconds(5), "gw.missing")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the responses topic gw.missing does not exist");
  }
}
