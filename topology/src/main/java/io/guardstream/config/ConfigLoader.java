package io.guardstream.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads {@link GuardstreamConfig} from a properties file overlaid by the environment
 * ({@code GUARDSTREAM_TOPICS_REQUESTS} overrides {@code topics.requests}) and validates every key
 * before anything starts, failing with one line that names the key.
 */
public final class ConfigLoader {

  /** Every key Guardstream reads, so that a typo is an error rather than a silent default. */
  static final Set<String> KNOWN_KEYS =
      Set.of(
          "bootstrap.servers",
          "application.id",
          "processing.guarantee",
          "num.stream.threads",
          "commit.interval.ms",
          "state.dir",
          "rocksdb.memory.mb",
          "producer.compression.type",
          "producer.batch.size",
          "topics.requests",
          "topics.worker.requests",
          "topics.worker.responses",
          "topics.responses",
          "topics.audit",
          "topics.alerts",
          "topics.dlq",
          "topics.keys",
          "request.max.bytes",
          "auth.api.key.pepper",
          "auth.issuers",
          "auth.roles",
          "auth.tenants",
          "auth.default.models",
          "auth.token.cache.entries",
          "auth.token.cache.max.seconds",
          "auth.introspection.url",
          "auth.introspection.client.id",
          "auth.introspection.client.secret",
          "auth.introspection.timeout.ms",
          "auth.introspection.cache.seconds",
          "ratelimit.default.requests.per.minute",
          "ratelimit.default.tokens.per.minute",
          "ratelimit.default.tokens.per.day",
          "ratelimit.default.usd.per.day",
          "ratelimit.default.usd.per.month",
          "ratelimit.default.completion.tokens",
          "ratelimit.max.future.ms",
          "ratelimit.partition.by",
          "inspect.pii.min.score",
          "inspect.injection.flag.threshold",
          "inspect.injection.block.threshold",
          InjectionPolicy.CANARY_KEY,
          "worker.timeout.ms",
          "anomaly.auth.failures.threshold",
          "anomaly.auth.failures.window.ms",
          "dlq.encryption.key",
          "audit.pseudonym.key",
          "policy.version");

  private final Properties values;
  private final Map<String, String> env;

  private ConfigLoader(Properties values, Map<String, String> env) {
    this.values = values;
    this.env = env;
  }

  /** Loads from {@code file} (may be null) overlaid by {@code env}. */
  public static GuardstreamConfig load(Path file, Map<String, String> env) {
    return load(readProperties(file), env);
  }

  /** Only the API key pepper ({@code auth.api.key.pepper}), for tools that hash keys without running the pipeline. */
  public static Secret apiKeyPepper(Properties properties, Map<String, String> env) {
    return new ConfigLoader(properties, env).secret(AuthSettingsReader.PEPPER, AuthSettingsReader.PEPPER_DEFAULT);
  }

  /** The raw settings of a properties file (empty for null), not yet validated. */
  public static Properties readProperties(Path file) {
    Properties properties = new Properties();
    if (file != null) {
      try (var in = Files.newBufferedReader(file)) {
        properties.load(in);
      } catch (java.io.IOException e) {
        throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
      }
    }
    return properties;
  }

  public static GuardstreamConfig load(Properties properties, Map<String, String> env) {
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(KNOWN_KEYS);
    List<String> issuers = names(properties.getProperty("auth.issuers"));
    List<String> roles = names(properties.getProperty("auth.roles"));
    List<String> tenants = names(properties.getProperty("auth.tenants"));
    unknown.removeIf(key -> AuthSettingsReader.isDynamicKey(key, issuers, roles, tenants));
    unknown.removeIf(RateLimitSettingsReader::isDynamicKey);
    unknown.removeIf(MaskingSettingsReader::isDynamicKey);
    unknown.removeIf(InjectionPolicy::isTenantKey);
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown.iterator().next(), "unknown setting (see README, Configuration)");
    }
    return new ConfigLoader(properties, env).build();
  }

  private GuardstreamConfig build() {
    String guarantee = text("processing.guarantee", "exactly_once_v2");
    if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
      throw new ConfigException("processing.guarantee", "must be exactly_once_v2 or at_least_once");
    }
    TopicNames d = TopicNames.DEFAULTS;
    TopicNames topics =
        new TopicNames(
            text("topics.requests", d.requests()),
            text("topics.worker.requests", d.workerRequests()),
            text("topics.worker.responses", d.workerResponses()),
            text("topics.responses", d.responses()),
            text("topics.audit", d.audit()),
            text("topics.alerts", d.alerts()),
            text("topics.dlq", d.dlq()),
            text("topics.keys", d.keys()));
    var auth = new AuthSettingsReader(this).read();
    double flag = decimal("inspect.injection.flag.threshold", 0.5);
    double block = decimal("inspect.injection.block.threshold", 0.9);
    if (block < flag) {
      throw new ConfigException(
          "inspect.injection.block.threshold", "must not be below inspect.injection.flag.threshold");
    }
    return new GuardstreamConfig(
        text("bootstrap.servers", null),
        text("application.id", "guardstream"),
        guarantee,
        integer("num.stream.threads", 1, 1, 64),
        integer("commit.interval.ms", 100, 1, 60_000),
        Path.of(text("state.dir", System.getProperty("java.io.tmpdir") + "/guardstream-state")),
        integer("rocksdb.memory.mb", 128, 16, 1_048_576),
        new GuardstreamConfig.Producer(
            oneOf("producer.compression.type", "lz4", List.of("none", "gzip", "snappy", "lz4", "zstd")),
            integer("producer.batch.size", 131_072, 1024, 1_048_576)),
        topics,
        integer("request.max.bytes", 262_144, 1024, 16 * 1024 * 1024),
        auth,
        new RateLimitSettingsReader(this).read(),
        new GuardstreamConfig.Inspect(decimal("inspect.pii.min.score", 0.5), flag, block,
            new MaskingSettingsReader(this, values.stringPropertyNames()).read(),
            InjectionPolicy.read(this, values.stringPropertyNames(), new InjectionPolicy.Thresholds(flag, block))),
        integer("worker.timeout.ms", 30_000, 100, 3_600_000),
        new GuardstreamConfig.Anomaly(
            integer("anomaly.auth.failures.threshold", 20, 1, 1_000_000),
            integer("anomaly.auth.failures.window.ms", 60_000, 1000, 86_400_000)),
        secret("dlq.encryption.key", "env:GUARDSTREAM_DLQ_KEY"),
        secret("audit.pseudonym.key", "env:GUARDSTREAM_PSEUDONYM_KEY"),
        text("policy.version", "default@1"));
  }

  private static List<String> names(String value) {
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
  }

  Map<String, String> env() {
    return env;
  }

  /** Every key of the properties (not the environment), for settings named by a tenant or model. */
  Set<String> keys() {
    return values.stringPropertyNames();
  }

  boolean isSet(String key) {
    String value = raw(key);
    return value != null && !value.isBlank();
  }

  Integer optionalInteger(String key, int min, int max) {
    return isSet(key) ? integer(key, 0, min, max) : null;
  }

  private String raw(String key) {
    String fromEnv = env.get("GUARDSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
    return fromEnv != null ? fromEnv : values.getProperty(key);
  }

  String text(String key, String fallback) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      if (fallback == null) {
        throw new ConfigException(key, "is required");
      }
      return fallback;
    }
    return value.trim();
  }

  String oneOf(String key, String fallback, List<String> allowed) {
    String value = text(key, fallback);
    if (!allowed.contains(value)) {
      throw new ConfigException(key, "must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
    }
    return value;
  }

  int integer(String key, int fallback, int min, int max) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, was '" + value.trim() + "'");
    }
  }

  double decimal(String key, double fallback) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value.trim());
      if (!(parsed >= 0 && parsed <= 1)) {
        throw new ConfigException(key, "must be between 0 and 1, was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a number between 0 and 1, was '" + value.trim() + "'");
    }
  }

  List<String> list(String key, String fallback) {
    return Arrays.stream(text(key, fallback).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  Secret secret(String key, String fallback) {
    Secret secret = Secret.resolve(key, text(key, fallback), env);
    if (secret.base64Bytes(key).length != 32) {
      throw new ConfigException(key, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");
    }
    return secret;
  }
}
