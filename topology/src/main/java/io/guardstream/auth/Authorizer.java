package io.guardstream.auth;

import io.guardstream.messages.ChatRequest;
import java.util.List;

/**
 * Decides whether a principal may make a request: the model (its own list, else the configured
 * default), the {@code max_tokens} it asks for against its cap, and the workload it declares in
 * {@code metadata.workload} against the workloads its credential allows.
 */
public final class Authorizer {

  /** The workload of a request that declares none. */
  public static final String DEFAULT_WORKLOAD = "interactive";

  /** Why a request is refused (403). */
  public record Refusal(String code, String reason) {}

  private final List<String> defaultModels;

  public Authorizer(List<String> defaultModels) {
    this.defaultModels = List.copyOf(defaultModels);
  }

  /** @return null when allowed */
  public Refusal check(Principal principal, ChatRequest request) {
    if (!mayUse(principal, request.model())) {
      return new Refusal("model_not_allowed", "this credential may not use model " + request.model());
    }
    if (principal.maxTokens() != null && request.maxTokens() != null && request.maxTokens() > principal.maxTokens()) {
      return new Refusal("max_tokens_not_allowed",
          "max_tokens " + request.maxTokens() + " is above this credential's cap of " + principal.maxTokens());
    }
    String workload = workloadOf(request);
    if (principal.workloads() != null && !principal.workloads().contains(workload)) {
      return new Refusal("workload_not_allowed", "this credential may not run " + workload + " workloads");
    }
    return null;
  }

  boolean mayUse(Principal principal, String model) {
    List<String> allowed = principal.allowedModels() == null ? defaultModels : principal.allowedModels();
    return allowed.contains("*") || allowed.contains(model);
  }

  static String workloadOf(ChatRequest request) {
    Object declared = request.metadata() == null ? null : request.metadata().get("workload");
    return declared instanceof String s && !s.isBlank() ? s : DEFAULT_WORKLOAD;
  }
}
