package io.guardstream.config;

/** A configuration problem, reported as one line that names the key and what is wrong. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
