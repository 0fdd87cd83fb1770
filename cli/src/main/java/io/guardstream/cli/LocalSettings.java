package io.guardstream.cli;

import io.guardstream.config.ConfigLoader;
import io.guardstream.config.GuardstreamConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration for commands that run on this machine only (demo, replay): the DLQ and pseudonym
 * keys and the API key pepper are generated for the process when the environment gives none, since
 * nothing they seal or hash outlives it.
 */
final class LocalSettings {

  private LocalSettings() {}

  /** The file's settings (if any) with {@code overrides} on top, validated. */
  static GuardstreamConfig load(Path configFile, Properties overrides) {
    Properties properties = ConfigLoader.readProperties(configFile);
    overrides.forEach(properties::putIfAbsent);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("GUARDSTREAM_DLQ_KEY", randomKey());
    env.putIfAbsent("GUARDSTREAM_PSEUDONYM_KEY", randomKey());
    env.putIfAbsent("GUARDSTREAM_KEY_PEPPER", randomKey());
    return ConfigLoader.load(properties, env);
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
