package io.guardstream.config;

import io.guardstream.ratelimit.LiveLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the limits (defaults, tenants' limits and totals, prices) from the configuration file while
 * the pipeline runs. It polls the file's modification time and size, which also works for files that
 * are replaced by a symlink swap, as Kubernetes does with a mounted ConfigMap. A changed file is
 * loaded and validated in full; an invalid one is logged and ignored, and the limits in force stay.
 * Settings other than limits take effect at the next restart.
 */
public final class ConfigWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Path file;
  private final Map<String, String> env;
  private final LiveLimits limits;
  private final Thread thread;
  private volatile boolean running = true;
  private Object seen;

  private ConfigWatcher(Path file, Map<String, String> env, LiveLimits limits, long intervalMs) {
    this.file = file;
    this.env = env;
    this.limits = limits;
    this.seen = stamp();
    this.thread = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(intervalMs);
        } catch (InterruptedException e) {
          return;
        }
        checkOnce();
      }
    }, "guardstream-config-watcher");
    thread.setDaemon(true);
  }

  /** Starts watching {@code file}, checking every {@code intervalMs}. */
  public static ConfigWatcher start(Path file, Map<String, String> env, LiveLimits limits, long intervalMs) {
    var watcher = new ConfigWatcher(file, env, limits, intervalMs);
    watcher.thread.start();
    return watcher;
  }

  /** Reloads if the file changed since the last check; returns whether new limits are in force. */
  boolean checkOnce() {
    Object now = stamp();
    if (Objects.equals(now, seen)) {
      return false;
    }
    seen = now;
    try {
      limits.replace(ConfigLoader.load(file, env).rateLimit());
      LOG.info("limits reloaded from {}", file);
      return true;
    } catch (ConfigException | IllegalArgumentException e) {
      // the message names the setting, never a secret's value (secrets are references)
      LOG.error("ignored a change to {}, the limits in force stay: {}", file, e.getMessage());
      return false;
    }
  }

  private Object stamp() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      return modified.toMillis() + ":" + Files.size(file);
    } catch (IOException e) {
      return null; // a file being replaced: look again at the next check
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
