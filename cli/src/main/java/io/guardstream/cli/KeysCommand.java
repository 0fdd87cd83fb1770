package io.guardstream.cli;

import io.guardstream.auth.ApiKeys;
import io.guardstream.config.ConfigLoader;
import io.guardstream.messages.ApiKeyRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys}: API key lifecycle through the compacted registry topic. Never prints a hash. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage API keys in the compacted key registry topic (hashes only are stored).",
    subcommands = {KeysCommand.Create.class, KeysCommand.Rotate.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
final class KeysCommand {

  /** Where the registry is: a config file, or the options, or the environment. */
  static final class Registry {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: config file or GUARDSTREAM_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--config", description = "Guardstream properties file")
    Path config;

    @Option(names = "--topic", description = "key registry topic (default: topics.keys or llm.keys)")
    String topic;

    KeyRegistryClient client() {
      Properties p = ConfigLoader.readProperties(config);
      String servers = first(bootstrapServers, System.getenv("GUARDSTREAM_BOOTSTRAP_SERVERS"), p.getProperty("bootstrap.servers"));
      if (servers == null) {
        throw new Main.UsageError("no Kafka cluster given: --bootstrap-servers, --config or GUARDSTREAM_BOOTSTRAP_SERVERS");
      }
      return new KeyRegistryClient(servers, first(topic, p.getProperty("topics.keys"), "llm.keys"));
    }

    private static String first(String... values) {
      return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }
  }

  /** Builds a new active key record and prints the raw key once. */
  static String issue(KeyRegistryClient client, String principal, String tenant, List<String> models, Integer rpm, Integer expiresDays) {
    String key = ApiKeys.generate();
    long now = System.currentTimeMillis();
    Long expires = expiresDays == null ? null : now + Duration.ofDays(expiresDays).toMillis();
    client.put(new ApiKeyRecord(ApiKeys.keyId(key), ApiKeys.hash(key), principal, tenant == null ? principal : tenant,
        models, rpm, ApiKeyRecord.ACTIVE, now, expires));
    return key;
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; the raw key is printed once, here.")
  static final class Create implements Callable<Integer> {
    @Mixin Registry registry;

    @Option(names = "--principal", required = true, description = "who the key acts for")
    String principal;

    @Option(names = "--tenant", description = "tenant (default: the principal)")
    String tenant;

    @Option(names = "--models", split = ",", description = "allowed models (default: auth.default.models)")
    List<String> models;

    @Option(names = "--rpm", description = "requests per minute (default: ratelimit.default.requests.per.minute)")
    Integer rpm;

    @Option(names = "--expires-days", description = "days until the key expires (default: never)")
    Integer expiresDays;

    @Override
    public Integer call() {
      String key = issue(registry.client(), principal, tenant, models, rpm, expiresDays);
      System.out.println("key id: " + ApiKeys.keyId(key));
      System.out.println("api key (shown once, store it now): " + key);
      return 0;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Issue a new key with the same principal and scopes; the old one keeps working for the grace period.")
  static final class Rotate implements Callable<Integer> {
    @Mixin Registry registry;

    @Parameters(index = "0", description = "key id to rotate")
    String keyId;

    @Option(names = "--grace-hours", defaultValue = "24", description = "how long the old key stays valid (default: ${DEFAULT-VALUE})")
    int graceHours;

    @Override
    public Integer call() {
      KeyRegistryClient client = registry.client();
      ApiKeyRecord old = find(client, keyId);
      String key = issue(client, old.principal(), old.tenant(), old.allowedModels(), old.requestsPerMinute(), null);
      long until = System.currentTimeMillis() + Duration.ofHours(graceHours).toMillis();
      long expires = old.expiresAt() == null ? until : Math.min(old.expiresAt(), until);
      client.put(new ApiKeyRecord(old.keyId(), old.hash(), old.principal(), old.tenant(), old.allowedModels(),
          old.requestsPerMinute(), old.status(), old.createdAt(), expires));
      System.out.println("old key " + old.keyId() + " stops working at " + Instant.ofEpochMilli(expires));
      System.out.println("new key id: " + ApiKeys.keyId(key));
      System.out.println("api key (shown once, store it now): " + key);
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key in every running instance.")
  static final class Revoke implements Callable<Integer> {
    @Mixin Registry registry;

    @Parameters(index = "0", description = "key id to revoke")
    String keyId;

    @Override
    public Integer call() {
      KeyRegistryClient client = registry.client();
      ApiKeyRecord old = find(client, keyId);
      client.put(new ApiKeyRecord(old.keyId(), old.hash(), old.principal(), old.tenant(), old.allowedModels(),
          old.requestsPerMinute(), ApiKeyRecord.REVOKED, old.createdAt(), old.expiresAt()));
      System.out.println("revoked " + keyId);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and metadata; never a hash).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin Registry registry;

    @Override
    public Integer call() {
      System.out.printf("%-14s %-8s %-20s %-16s %-6s %s%n", "KEY ID", "STATUS", "PRINCIPAL", "TENANT", "RPM", "EXPIRES");
      for (ApiKeyRecord r : registry.client().readAll()) {
        System.out.printf("%-14s %-8s %-20s %-16s %-6s %s%n", r.keyId(), r.status(), r.principal(), r.tenant(),
            r.requestsPerMinute() == null ? "-" : r.requestsPerMinute(),
            r.expiresAt() == null ? "never" : Instant.ofEpochMilli(r.expiresAt()));
      }
      return 0;
    }
  }

  static ApiKeyRecord find(KeyRegistryClient client, String keyId) {
    return client.readAll().stream().filter(r -> r.keyId().equals(keyId)).findFirst()
        .orElseThrow(() -> new Main.UsageError("no key with id " + keyId));
  }
}
