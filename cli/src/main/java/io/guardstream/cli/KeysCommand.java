package io.guardstream.cli;

import io.guardstream.auth.ApiKeys;
import io.guardstream.auth.KeyHasher;
import io.guardstream.config.ConfigLoader;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.KeyUsage;
import io.guardstream.messages.Quota;
import io.guardstream.serde.JsonSerde;
import io.guardstream.topology.GuardstreamTopology;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys}: API key lifecycle through the compacted registry topic. Never prints a hash. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage API keys in the compacted key registry topic (keyed hashes only are stored).",
    subcommands = {KeysCommand.Create.class, KeysCommand.Rotate.class, KeysCommand.Revoke.class,
        KeysCommand.ListKeys.class, KeysCommand.Show.class})
final class KeysCommand {

  /** Where the registry is: a config file, or the options, or the environment. */
  static final class Registry {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: config file or GUARDSTREAM_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--config", description = "Guardstream properties file")
    Path config;

    @Option(names = "--topic", description = "key registry topic (default: topics.keys or llm.keys)")
    String topic;

    private Properties properties() {
      return ConfigLoader.readProperties(config);
    }

    KeyRegistryClient client() {
      Properties p = properties();
      String servers = first(bootstrapServers, System.getenv("GUARDSTREAM_BOOTSTRAP_SERVERS"), p.getProperty("bootstrap.servers"));
      if (servers == null) {
        throw new Main.UsageError("no Kafka cluster given: --bootstrap-servers, --config or GUARDSTREAM_BOOTSTRAP_SERVERS");
      }
      return new KeyRegistryClient(servers, first(topic, p.getProperty("topics.keys"), "llm.keys"));
    }

    /** Hashes with the pipeline's pepper ({@code auth.api.key.pepper}, default env:GUARDSTREAM_KEY_PEPPER). */
    KeyHasher hasher() {
      return KeyHasher.of(ConfigLoader.apiKeyPepper(properties(), System.getenv()));
    }

    /** The changelog of the pipeline's key-usage store (its application id decides the name). */
    String usageChangelog() {
      String applicationId = first(System.getenv("GUARDSTREAM_APPLICATION_ID"), properties().getProperty("application.id"), "guardstream");
      return applicationId + "-" + GuardstreamTopology.KEY_USAGE_STORE + "-changelog";
    }

    private static String first(String... values) {
      return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }
  }

  /** Writes a new active key record with the scopes of {@code template} and returns the raw key, to be shown once. */
  static String issue(KeyRegistryClient client, KeyHasher hasher, String principal, ApiKeyRecord template, Integer expiresDays) {
    String key = ApiKeys.generate();
    long now = System.currentTimeMillis();
    Long expires = expiresDays == null ? null : now + Duration.ofDays(expiresDays).toMillis();
    ApiKeyRecord t = template;
    client.put(new ApiKeyRecord(ApiKeys.keyId(key), hasher.hash(key), principal, t.tenant() == null ? principal : t.tenant(),
        t.allowedModels(), t.requestsPerMinute(), t.maxTokens(), t.workloads(), ApiKeyRecord.ACTIVE, now, expires, null,
        t.quota()));
    return key;
  }

  /** The scopes of a new key; id, hash, principal and times are filled in by {@link #issue}. */
  static ApiKeyRecord scopes(String tenant, List<String> models, Integer rpm, Integer maxTokens, List<String> workloads) {
    return scopes(tenant, models, rpm, maxTokens, workloads, null);
  }

  static ApiKeyRecord scopes(String tenant, List<String> models, Integer rpm, Integer maxTokens, List<String> workloads,
      Quota quota) {
    return new ApiKeyRecord(null, null, null, tenant, models, rpm, maxTokens, workloads, ApiKeyRecord.ACTIVE, 0L, null, null,
        quota);
  }

  private static void printNewKey(String key) {
    System.out.println("key id: " + ApiKeys.keyId(key));
    System.out.println("api key (shown once, store it now): " + key);
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

    @Option(names = "--max-tokens", description = "largest max_tokens a request may ask for (default: no cap)")
    Integer maxTokens;

    @Option(names = "--workloads", split = ",", description = "workloads the key may run, from the request's metadata.workload (default: any)")
    List<String> workloads;

    @Option(names = "--tokens-per-minute", description = "prompt plus completion tokens per sliding minute (default: the tenant's or ratelimit.default.*)")
    Long tokensPerMinute;

    @Option(names = "--tokens-per-day", description = "prompt plus completion tokens per UTC day (default: the tenant's or ratelimit.default.*)")
    Long tokensPerDay;

    @Option(names = "--usd-per-day", description = "spend budget per UTC day in US dollars, priced with pricing.* (default: the tenant's or ratelimit.default.*)")
    BigDecimal usdPerDay;

    @Option(names = "--usd-per-month", description = "spend budget per UTC month in US dollars (default: the tenant's or ratelimit.default.*)")
    BigDecimal usdPerMonth;

    @Option(names = "--expires-days", description = "days until the key expires (default: never)")
    Integer expiresDays;

    @Override
    public Integer call() {
      var quota = new Quota(tokensPerMinute, tokensPerDay, usdPerDay, usdPerMonth);
      if (Stream.of(tokensPerMinute, tokensPerDay).anyMatch(v -> v != null && v < 1)
          || Stream.of(usdPerDay, usdPerMonth).anyMatch(v -> v != null && v.signum() < 0)) {
        throw new IllegalArgumentException("token limits must be at least 1 and budgets not negative");
      }
      printNewKey(issue(registry.client(), registry.hasher(), principal,
          scopes(tenant, models, rpm, maxTokens, workloads, quota.limitsTokens() ? quota : null), expiresDays));
      return 0;
    }
  }

  /** A subcommand about one existing key. */
  abstract static class OneKey implements Callable<Integer> {
    @Mixin Registry registry;

    @Parameters(index = "0", description = "the key id")
    String keyId;
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Issue a new key with the same principal and scopes; the old one keeps working for the grace period, then stops by itself.")
  static final class Rotate extends OneKey {
    @Option(names = "--grace-hours", defaultValue = "24", description = "how long the old key stays valid (default: ${DEFAULT-VALUE})")
    int graceHours;

    @Override
    public Integer call() {
      KeyRegistryClient client = registry.client();
      ApiKeyRecord old = find(client, keyId);
      if (!ApiKeyRecord.ACTIVE.equals(old.status())) {
        throw new Main.UsageError("key " + keyId + " is " + old.status() + ": only an active key can be rotated");
      }
      String key = issue(client, registry.hasher(), old.principal(), old, null);
      ApiKeyRecord retiring = old.rotatedTo(ApiKeys.keyId(key), System.currentTimeMillis() + Duration.ofHours(graceHours).toMillis());
      client.put(retiring);
      System.out.println("old key " + old.keyId() + " stops working at " + Instant.ofEpochMilli(retiring.expiresAt()));
      printNewKey(key);
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key in every running instance.")
  static final class Revoke extends OneKey {
    @Override
    public Integer call() {
      KeyRegistryClient client = registry.client();
      client.put(find(client, keyId).withStatus(ApiKeyRecord.REVOKED));
      System.out.println("revoked " + keyId);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and metadata; never a hash).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin Registry registry;

    @Override
    public Integer call() {
      var usage = registry.client().latest(registry.usageChangelog(), JsonSerde.of(KeyUsage.class).deserializer(), false);
      System.out.printf("%-14s %-8s %-20s %-16s %-6s %-24s %s%n", "KEY ID", "STATUS", "PRINCIPAL", "TENANT", "RPM", "EXPIRES", "LAST USED");
      for (ApiKeyRecord r : registry.client().readAll()) {
        KeyUsage u = usage.get(r.keyId());
        System.out.printf("%-14s %-8s %-20s %-16s %-6s %-24s %s%n", r.keyId(), r.status(), r.principal(), r.tenant(),
            orDash(r.requestsPerMinute()), r.expiresAt() == null ? "never" : Instant.ofEpochMilli(r.expiresAt()),
            u == null ? "never" : Instant.ofEpochMilli(u.lastUsedAt()));
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one key: its scopes, status, rotation and usage (never its hash).")
  static final class Show extends OneKey {
    @Override
    public Integer call() {
      KeyRegistryClient client = registry.client();
      ApiKeyRecord r = find(client, keyId);
      KeyUsage u = client.latest(registry.usageChangelog(), JsonSerde.of(KeyUsage.class).deserializer(), false).get(keyId);
      boolean expired = r.expiresAt() != null && r.expiresAt() <= System.currentTimeMillis();
      line("key id", r.keyId());
      line("status", r.status() + (expired ? " (expired)" : ""));
      line("principal", r.principal());
      line("tenant", r.tenant());
      line("models", r.allowedModels() == null ? "(deployment default)" : String.join(", ", r.allowedModels()));
      line("requests/minute", r.requestsPerMinute() == null ? "(deployment default)" : r.requestsPerMinute().toString());
      line("max tokens", r.maxTokens() == null ? "no cap" : r.maxTokens().toString());
      line("workloads", r.workloads() == null ? "any" : String.join(", ", r.workloads()));
      Quota q = r.quota() == null ? Quota.NONE : r.quota();
      line("tokens/minute", q.tokensPerMinute() == null ? "(tenant or deployment default)" : q.tokensPerMinute().toString());
      line("tokens/day", q.tokensPerDay() == null ? "(tenant or deployment default)" : q.tokensPerDay().toString());
      line("budget/day", q.usdPerDay() == null ? "(tenant or deployment default)" : "$" + q.usdPerDay().toPlainString());
      line("budget/month", q.usdPerMonth() == null ? "(tenant or deployment default)" : "$" + q.usdPerMonth().toPlainString());
      line("created", Instant.ofEpochMilli(r.createdAt()).toString());
      line("expires", r.expiresAt() == null ? "never" : Instant.ofEpochMilli(r.expiresAt()).toString());
      if (r.replacedBy() != null) {
        line("replaced by", r.replacedBy());
      }
      if (u == null) {
        line("last used", "never");
      } else {
        line("first used", Instant.ofEpochMilli(u.firstUsedAt()).toString());
        line("last used", Instant.ofEpochMilli(u.lastUsedAt()).toString());
        line("requests", u.admitted() + " admitted, " + u.limited() + " refused by the rate limit");
      }
      return 0;
    }

    private static void line(String label, String value) {
      System.out.printf("%-16s %s%n", label + ":", value);
    }
  }

  private static String orDash(Integer value) {
    return value == null ? "-" : value.toString();
  }

  static ApiKeyRecord find(KeyRegistryClient client, String keyId) {
    return client.readAll().stream().filter(r -> r.keyId().equals(keyId)).findFirst()
        .orElseThrow(() -> new Main.UsageError("no key with id " + keyId));
  }
}
