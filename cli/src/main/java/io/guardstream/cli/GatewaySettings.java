package io.guardstream.cli;

import io.guardstream.config.ConfigException;
import io.guardstream.config.Secret;
import io.guardstream.config.TopicNames;
import io.guardstream.gateway.Cidr;
import io.guardstream.gateway.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the gateway's {@link GatewayConfig} from a properties file overlaid by the environment
 * ({@code GUARDSTREAM_GATEWAY_PORT} overrides {@code gateway.port}), validating every key before
 * anything starts. Keys outside {@code gateway.*}, {@code topics.*} and {@code bootstrap.servers}
 * belong to other commands (one file may serve them all) and are ignored; an unknown
 * {@code gateway.*} key is a typo and an error.
 */
final class GatewaySettings {

  static final Set<String> KEYS = Set.of(
      "gateway.host",
      "gateway.port",
      "gateway.tls.enabled",
      "gateway.tls.keystore.path",
      "gateway.tls.keystore.type",
      "gateway.tls.keystore.password",
      "gateway.reply.timeout.ms",
      "gateway.max.body.bytes",
      "gateway.max.pending",
      "gateway.cors.allowed.origins",
      "gateway.trusted.proxies");

  private final Properties file;
  private final Map<String, String> env;

  private GatewaySettings(Properties file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  static GatewayConfig load(Properties file, Map<String, String> env) {
    Set<String> unknown = new TreeSet<>();
    for (String key : file.stringPropertyNames()) {
      if (key.startsWith("gateway.") && !KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown.iterator().next(), "unknown gateway setting (see README, Gateway)");
    }
    return new GatewaySettings(file, env).build();
  }

  private GatewayConfig build() {
    String servers = value("bootstrap.servers");
    if (servers == null) {
      throw new ConfigException("bootstrap.servers", "is required (--bootstrap-servers, the file or GUARDSTREAM_BOOTSTRAP_SERVERS)");
    }
    TopicNames d = TopicNames.DEFAULTS;
    return new GatewayConfig(
        servers,
        orDefault("gateway.host", "0.0.0.0"),
        (int) number("gateway.port", 8443, 0, 65_535),
        tls(),
        Duration.ofMillis(number("gateway.reply.timeout.ms", 35_000, 100, 600_000)),
        (int) number("gateway.max.body.bytes", 262_144, 1_024, 16 * 1024 * 1024),
        (int) number("gateway.max.pending", 10_000, 1, 1_000_000),
        list("gateway.cors.allowed.origins"),
        list("gateway.trusted.proxies").stream().map(GatewaySettings::cidr).toList(),
        orDefault("topics.requests", d.requests()),
        orDefault("topics.responses", d.responses()));
  }

  private GatewayConfig.Tls tls() {
    String enabled = orDefault("gateway.tls.enabled", "true").toLowerCase(Locale.ROOT);
    if (enabled.equals("false")) {
      return null;
    }
    if (!enabled.equals("true")) {
      throw new ConfigException("gateway.tls.enabled", "must be true or false, was '" + enabled + "'");
    }
    String path = value("gateway.tls.keystore.path");
    if (path == null) {
      throw new ConfigException("gateway.tls.keystore.path",
          "is required for HTTPS (or set gateway.tls.enabled=false behind a TLS-terminating proxy)");
    }
    Path keystore = Path.of(path);
    if (!Files.isReadable(keystore)) {
      throw new ConfigException("gateway.tls.keystore.path", "cannot read " + keystore);
    }
    String reference = value("gateway.tls.keystore.password");
    if (reference == null) {
      throw new ConfigException("gateway.tls.keystore.password", "is required: env:NAME or file:/path");
    }
    Secret password = Secret.resolve("gateway.tls.keystore.password", reference, env);
    String type = orDefault("gateway.tls.keystore.type", "PKCS12").toUpperCase(Locale.ROOT);
    if (!type.equals("PKCS12") && !type.equals("JKS")) {
      throw new ConfigException("gateway.tls.keystore.type", "must be PKCS12 or JKS, was '" + type + "'");
    }
    return new GatewayConfig.Tls(keystore, type, new String(password.bytes(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Cidr cidr(String text) {
    try {
      return Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("gateway.trusted.proxies", e.getMessage());
    }
  }

  /** The environment's value, else the file's; null when neither sets it. */
  private String value(String key) {
    String fromEnv = env.get("GUARDSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
    String raw = fromEnv != null ? fromEnv : file.getProperty(key);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  private String orDefault(String key, String fallback) {
    String v = value(key);
    return v == null ? fallback : v;
  }

  private long number(String key, long fallback, long min, long max) {
    String v = value(key);
    if (v == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, was '" + v + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + parsed);
    }
    return parsed;
  }

  private List<String> list(String key) {
    String v = value(key);
    return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
