package io.guardstream.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.guardstream.serde.Json;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}: the shape every
 * OpenAI SDK parses into its typed exceptions. {@code param} and {@code code} are written as null
 * rather than left out, as OpenAI does.
 */
public record OpenAiError(Detail error) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Detail(String message, String type, String param, String code) {}

  public static OpenAiError of(int status, String code, String message) {
    return new OpenAiError(new Detail(message, typeFor(status), null, code));
  }

  public static OpenAiError of(int status, String code, String message, String param) {
    return new OpenAiError(new Detail(message, typeFor(status), param, code));
  }

  public byte[] toJson() {
    return Json.toBytes(this);
  }

  /** OpenAI's error {@code type} for a status, for the errors the gateway answers itself. */
  static String typeFor(int status) {
    switch (status) {
      case 401:
        return "authentication_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 429:
        return "rate_limit_error";
      case 502:
      case 503:
      case 504:
        return "api_error";
      default:
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
  }
}
