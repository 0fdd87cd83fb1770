package io.guardstream.gateway;

import java.util.Map;

/**
 * What the gateway writes back for one request: a status, a JSON body and the extra headers
 * (the pipeline's {@code x-ratelimit-*} and {@code retry-after}).
 */
public record GatewayReply(int status, byte[] body, Map<String, String> headers) {

  public GatewayReply {
    headers = Map.copyOf(headers);
  }

  public static GatewayReply error(int status, String code, String message) {
    return new GatewayReply(status, OpenAiError.of(status, code, message).toJson(), Map.of());
  }

  public static GatewayReply error(int status, String code, String message, String param) {
    return new GatewayReply(status, OpenAiError.of(status, code, message, param).toJson(), Map.of());
  }
}
