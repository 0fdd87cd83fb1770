package io.guardstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

  private final CorsPolicy policy = new CorsPolicy(List.of("https://app.example.com", "http://localhost:3000/"));

  @Test
  void shouldAllowListedOriginsWhenTheyDifferOnlyInCaseOrTrailingSlash() {
    assertThat(policy.allows("https://APP.example.com")).isTrue();
    assertThat(policy.allows("http://localhost:3000")).isTrue();
  }

  @Test
  void shouldRefuseOriginsThatAreNotListedWhenTheyOnlyLookAlike() {
    assertThat(policy.allows("https://app.example.com.evil.test")).isFalse();
    assertThat(policy.allows("http://app.example.com")).isFalse();
    assertThat(policy.allows("null")).isFalse();
  }

  @Test
  void shouldTreatARequestWithoutOriginAsNotCorsWhenChecking() {
    assertThat(policy.allows(null)).isTrue();
    HttpFields.Mutable headers = HttpFields.build();
    policy.addResponseHeaders(null, headers);
    assertThat(headers.size()).isZero();
  }

  @Test
  void shouldAllowAnyOriginWhenTheAllowlistIsAStar() {
    assertThat(new CorsPolicy(List.of("*")).allows("https://anything.test")).isTrue();
    assertThat(new CorsPolicy(List.of()).allows("https://anything.test")).isFalse();
  }

  @Test
  void shouldEchoOnlyAllowlistedHeadersWhenAnsweringAPreflight() {
    HttpFields.Mutable headers = HttpFields.build();
    policy.addPreflightHeaders("https://app.example.com", "Authorization, Content-Type, X-Stainless-OS, X-Evil", headers);
    assertThat(headers.get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    assertThat(headers.get("Access-Control-Allow-Headers")).isEqualTo("authorization, content-type, x-stainless-os");
    assertThat(headers.get("Access-Control-Allow-Methods")).isEqualTo("POST, OPTIONS");
    assertThat(headers.get("Access-Control-Allow-Credentials")).isNull();
    assertThat(headers.get("Vary")).isEqualTo("Origin");
  }

  @Test
  void shouldExposeTheRateLimitHeadersWhenAnsweringAnAllowedOrigin() {
    HttpFields.Mutable headers = HttpFields.build();
    policy.addResponseHeaders("https://app.example.com", headers);
    assertThat(headers.get("Access-Control-Expose-Headers")).contains("x-ratelimit-remaining-requests", "retry-after");
  }
}
