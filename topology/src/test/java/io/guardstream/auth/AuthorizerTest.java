package io.guardstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  private final Authorizer authorizer = new Authorizer(List.of("gpt-4o-mini"));

  private static ChatRequest request(String model, Integer maxTokens, String workload) {
    return new ChatRequest("r", model, List.of(new ChatMessage("user", "hi")), maxTokens, null, null, null,
        workload == null ? null : Map.of("workload", workload));
  }

  private static Principal principal(List<String> models, Integer maxTokens, List<String> workloads) {
    return new Principal("p", "t", "k", "api_key", models, null, maxTokens, workloads, null);
  }

  @Test
  void shouldFallBackToTheDefaultModelsOnlyWhenTheCredentialNamesNone() {
    assertThat(authorizer.check(principal(null, null, null), request("gpt-4o-mini", null, null))).isNull();
    assertThat(authorizer.check(principal(null, null, null), request("gpt-4o", null, null)).code())
        .isEqualTo("model_not_allowed");
    // an explicitly empty list allows nothing, as the key schema says
    assertThat(authorizer.check(principal(List.of(), null, null), request("gpt-4o-mini", null, null)).code())
        .isEqualTo("model_not_allowed");
  }

  @Test
  void shouldRefuseMaxTokensAboveTheCredentialsCap() {
    Principal capped = principal(List.of("*"), 1024, null);
    assertThat(authorizer.check(capped, request("m", 1024, null))).isNull();
    assertThat(authorizer.check(capped, request("m", null, null))).isNull();
    assertThat(authorizer.check(capped, request("m", 1025, null)).code()).isEqualTo("max_tokens_not_allowed");
  }

  @Test
  void shouldRefuseAWorkloadTheCredentialMayNotRunAndTreatUndeclaredAsInteractive() {
    Principal batchOnly = principal(List.of("*"), null, List.of("batch"));
    assertThat(authorizer.check(batchOnly, request("m", null, "batch"))).isNull();
    assertThat(authorizer.check(batchOnly, request("m", null, null)).code()).isEqualTo("workload_not_allowed");
    assertThat(authorizer.check(principal(List.of("*"), null, null), request("m", null, "anything"))).isNull();
  }
}
