package io.guardstream.auth;

import java.util.List;

/** Decides whether a principal may call a model: its own list, else the configured default. */
public final class Authorizer {

  private final List<String> defaultModels;

  public Authorizer(List<String> defaultModels) {
    this.defaultModels = List.copyOf(defaultModels);
  }

  public boolean mayUse(Principal principal, String model) {
    List<String> allowed =
        principal.allowedModels() == null || principal.allowedModels().isEmpty()
            ? defaultModels
            : principal.allowedModels();
    return allowed.contains("*") || allowed.contains(model);
  }
}
