package io.guardstream.gateway;

import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ErrorBody;
import io.guardstream.serde.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns a {@code llm.responses} record into the HTTP answer: OpenAI's completion or error body, and the rate-limit headers. */
final class ReplyDecoder {

  private ReplyDecoder() {}

  static GatewayReply decode(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      if (header.value() != null && GatewayHeaders.isCopiedToHttp(header.key())) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    CallerResponse response;
    try {
      response = record.value() == null ? null : Json.fromBytes(record.value(), CallerResponse.class);
    } catch (UncheckedIOException e) {
      response = null;
    }
    if (response == null || response.status() < 200 || response.status() > 599
        || (response.status() == 200 && response.completion() == null)) {
      return new GatewayReply(502, OpenAiError.of(502, "bad_pipeline_answer", "the pipeline's answer could not be read")
          .toJson(), headers);
    }
    return new GatewayReply(response.status(), body(response), headers);
  }

  private static byte[] body(CallerResponse response) {
    if (response.status() == 200) {
      return Json.toBytes(response.completion());
    }
    ErrorBody error = response.error();
    if (error == null) {
      return OpenAiError.of(response.status(), "unknown_error", "the request failed with status " + response.status())
          .toJson();
    }
    String type = error.type() == null ? OpenAiError.typeFor(response.status()) : error.type();
    return new OpenAiError(new OpenAiError.Detail(error.message(), type, null, error.code())).toJson();
  }
}
