package io.guardstream.auth;

import io.guardstream.messages.ChatRequest;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a principal may make a request: the tenant (a model another tenant owns, or a
 * {@code metadata.tenant} that is not the credential's own, is refused whatever models the credential
 * allows), the model (its own list, else the configured default), the {@code max_tokens} it asks for
 * against its cap, and the workload it declares in {@code metadata.workload} against the workloads its
 * credential allows.
 */
public final class Authorizer {

  /** The workload of a request that declares none. */
  public static final String DEFAULT_WORKLOAD = "interactive";

  /** Why a request is refused (403). */
  public record Refusal(String code, String reason) {}

  private final List<String> defaultModels;
  private final Map<String, String> modelTenants;

  public Authorizer(List<String> defaultModels) {
    this(defaultModels, Map.of());
  }

  /** @param modelTenants models that only one tenant's credentials may call, by model */
  public Authorizer(List<String> defaultModels, Map<String, String> modelTenants) {
    this.defaultModels = List.copyOf(defaultModels);
    this.modelTenants = Map.copyOf(modelTenants);
  }

  /** @return null when allowed */
  public Refusal check(Principal principal, ChatRequest request) {
    // a key of tenant A must never reach tenant B's model, even a key that may call any model ("*")
    String owner = modelTenants.get(request.model());
    if (owner != null && !owner.equals(principal.tenant())) {
      return new Refusal("tenant_not_allowed", "this credential's tenant may not use model " + request.model());
    }
    Object declared = request.metadata() == null ? null : request.metadata().get("tenant");
    if (declared != null && !declared.equals(principal.tenant())) {
      return new Refusal("tenant_not_allowed", "this credential does not belong to the tenant the request names");
    }
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
