package io.guardstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  private final Authorizer authorizer = new Authorizer(List.of("gpt-4o-mini"));

  private final Authorizer tenantAware = new Authorizer(List.of("*"), Map.of("ft-b-support", "tenant-b"));

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
  void shouldRefuseAKeyOfAnotherTenantForThatTenantsModelEvenWhenItMayCallAnyModel() {
    Principal tenantA = new Principal("a", "tenant-a", "k", "api_key", List.of("*"), null, null, null, null);
    Principal tenantB = new Principal("b", "tenant-b", "k", "api_key", List.of("*"), null, null, null, null);
    Authorizer.Refusal refusal = tenantAware.check(tenantA, request("ft-b-support", null, null));
    assertThat(refusal.code()).isEqualTo("tenant_not_allowed");
    assertThat(refusal.reason()).doesNotContain("tenant-b");
    assertThat(tenantAware.check(tenantB, request("ft-b-support", null, null))).isNull();
    assertThat(tenantAware.check(tenantA, request("gpt-4o", null, null))).as("a model nobody owns").isNull();
    // owning the model does not widen a credential's own list
    Principal narrowB = new Principal("b", "tenant-b", "k", "api_key", List.of("gpt-4o"), null, null, null, null);
    assertThat(tenantAware.check(narrowB, request("ft-b-support", null, null)).code()).isEqualTo("model_not_allowed");
  }

  @Test
  void shouldRefuseARequestThatNamesATenantOtherThanTheCredentialsOwn() {
    Principal tenantA = new Principal("a", "tenant-a", "k", "api_key", List.of("*"), null, null, null, null);
    ChatRequest forB = new ChatRequest("r", "gpt-4o", List.of(new ChatMessage("user", "hi")), null, null, null, null,
        Map.of("tenant", "tenant-b"));
    ChatRequest forA = new ChatRequest("r", "gpt-4o", List.of(new ChatMessage("user", "hi")), null, null, null, null,
        Map.of("tenant", "tenant-a"));
    assertThat(tenantAware.check(tenantA, forB).code()).isEqualTo("tenant_not_allowed");
    assertThat(tenantAware.check(tenantA, forA)).isNull();
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
