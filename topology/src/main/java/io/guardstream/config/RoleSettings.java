package io.guardstream.config;

import io.guardstream.messages.Quota;
import java.util.List;

/**
 * What a token scope or role ({@code auth.role.<name>.*}) allows: the same permissions an API key
 * record carries, so a JWT and a key for the same job are limited alike.
 *
 * @param models models the role may call, or null for none added by this role
 * @param maxTokens cap on {@code max_tokens}, or null for none
 * @param workloads workloads the role may run, or null for any
 * @param requestsPerMinute the role's request limit, or null for the default
 * @param quota the role's token and spend limits, or null for the default
 */
public record RoleSettings(
    String name, List<String> models, Integer maxTokens, List<String> workloads, Integer requestsPerMinute,
    Quota quota) {}
