package io.guardstream.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A secret given by reference ({@code env:NAME} or {@code file:/path}), never by value in a config
 * file. {@link #toString()} is redacted so that a secret cannot reach a log by accident.
 */
public final class Secret {

  private final String reference;
  private final byte[] value;

  private Secret(String reference, byte[] value) {
    this.reference = reference;
    this.value = value;
  }

  /** Resolves {@code env:NAME} against {@code env} or {@code file:/path} against the file system. */
  public static Secret resolve(String key, String reference, Map<String, String> env) {
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      String text = env.get(name);
      if (text == null || text.isBlank()) {
        throw new ConfigException(key, "environment variable " + name + " is not set");
      }
      return new Secret(reference, text.trim().getBytes(StandardCharsets.UTF_8));
    }
    if (reference.startsWith("file:")) {
      Path path = Path.of(reference.substring(5));
      try {
        return new Secret(reference, Files.readString(path).trim().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfigException(key, "cannot read secret file " + path + ": " + e.getMessage());
      }
    }
    throw new ConfigException(key, "a secret must be a reference: env:NAME or file:/path");
  }

  /** A secret generated in-process (demo, replay, tests); it lives only as long as the process. */
  public static Secret ephemeral(String label, byte[] value) {
    return new Secret("ephemeral:" + label, value.clone());
  }

  /** The raw bytes as written (for text secrets such as an HMAC pepper). */
  public byte[] bytes() {
    return value.clone();
  }

  /** The value decoded as base64 (for binary keys); fails with the config key when it is not. */
  public byte[] base64Bytes(String key) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "secret " + reference + " is not valid base64");
    }
  }

  public String reference() {
    return reference;
  }

  @Override
  public String toString() {
    return "Secret[" + reference + ", redacted]";
  }
}
