package io.guardstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Choice;
import io.guardstream.messages.Completion;
import io.guardstream.messages.ErrorBody;
import io.guardstream.messages.Usage;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReplyDecoderTest {

  private static ConsumerRecord<byte[], byte[]> record(byte[] value, String... headers) {
    var record = new ConsumerRecord<>("llm.responses", 0, 0L, "r-1".getBytes(StandardCharsets.UTF_8), value);
    for (int i = 0; i < headers.length; i += 2) {
      record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  @Test
  void shouldReturnTheOpenAiCompletionWhenThePipelineAnswered200() throws IOException {
    var completion = new Completion("chatcmpl-r-1", "chat.completion", 1_700_000_000L, "gpt-4o-mini",
        List.of(new Choice(0, new ChatMessage("assistant", "echo: hi"), "stop")), new Usage(3, 2, 5));
    GatewayReply reply = ReplyDecoder.decode(record(Json.toBytes(new CallerResponse("r-1", 200, completion, null)),
        "x-ratelimit-remaining-requests", "59", "x-internal", "no"));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(reply.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("echo: hi");
    assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(5);
    assertThat(reply.headers()).containsOnlyKeys("x-ratelimit-remaining-requests");
  }

  @Test
  void shouldReturnOpenAisErrorShapeWithHeadersWhenThePipelineAnswered429() throws IOException {
    var response = new CallerResponse("r-1", 429, null, new ErrorBody("rate_limit_error", "rate_limited", "slow down"));
    GatewayReply reply = ReplyDecoder.decode(record(Json.toBytes(response), "retry-after", "7",
        "x-ratelimit-limit-requests", "2", "x-ratelimit-reset-requests", "7s"));
    assertThat(reply.status()).isEqualTo(429);
    JsonNode error = Json.MAPPER.readTree(reply.body()).path("error");
    assertThat(error.path("message").asText()).isEqualTo("slow down");
    assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error.path("code").asText()).isEqualTo("rate_limited");
    assertThat(error.has("param")).isTrue();
    assertThat(error.path("param").isNull()).isTrue();
    assertThat(reply.headers()).containsEntry("retry-after", "7").containsEntry("x-ratelimit-limit-requests", "2")
        .containsEntry("x-ratelimit-reset-requests", "7s");
  }

  @Test
  void shouldAnswer502WhenThePipelinesRecordCannotBeRead() throws IOException {
    GatewayReply reply = ReplyDecoder.decode(record("{not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(reply.status()).isEqualTo(502);
    assertThat(Json.MAPPER.readTree(reply.body()).path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(ReplyDecoder.decode(record(Json.toBytes(new CallerResponse("r-1", 200, null, null)))).status()).isEqualTo(502);
  }

  @Test
  void shouldMapStatusesToOpenAiErrorTypesWhenTheGatewayAnswersItself() {
    assertThat(OpenAiError.typeFor(400)).isEqualTo("invalid_request_error");
    assertThat(OpenAiError.typeFor(413)).isEqualTo("invalid_request_error");
    assertThat(OpenAiError.typeFor(401)).isEqualTo("authentication_error");
    assertThat(OpenAiError.typeFor(404)).isEqualTo("not_found_error");
    assertThat(OpenAiError.typeFor(504)).isEqualTo("api_error");
    assertThat(OpenAiError.typeFor(500)).isEqualTo("server_error");
  }
}
