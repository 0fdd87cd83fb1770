package io.guardstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.ratelimit.LiveLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

  @TempDir Path dir;

  private Path write(String content, int secondsLater) throws IOException {
    Path file = dir.resolve("guardstream.properties");
    Files.writeString(file, "bootstrap.servers=localhost:9092\n" + content);
    // a distinct modification time, as a real edit seconds later would have
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-29T10:00:00Z").plusSeconds(secondsLater)));
    return file;
  }

  @Test
  void shouldPutAChangedTenantLimitInForceWithoutARestart() throws IOException {
    Path file = write("tenant.acme.ratelimit.requests.per.minute=100\n", 0);
    var limits = new LiveLimits(ConfigLoader.load(file, TestSecrets.environment()).rateLimit());
    try (var watcher = ConfigWatcher.start(file, TestSecrets.environment(), limits, 3_600_000)) {
      assertThat(watcher.checkOnce()).as("nothing changed yet").isFalse();
      write("tenant.acme.ratelimit.requests.per.minute=5\ntenant.acme.ratelimit.usd.per.day=2.50\n", 10);
      assertThat(watcher.checkOnce()).isTrue();
      assertThat(limits.get().requestsPerMinute(null, "acme")).isEqualTo(5);
      assertThat(limits.get().quota(null, "acme").usdPerDay()).isEqualByComparingTo("2.50");
    }
  }

  @Test
  void shouldKeepTheLimitsInForceWhenTheChangedFileIsInvalid() throws IOException {
    Path file = write("ratelimit.default.requests.per.minute=60\n", 0);
    var limits = new LiveLimits(ConfigLoader.load(file, TestSecrets.environment()).rateLimit());
    try (var watcher = ConfigWatcher.start(file, TestSecrets.environment(), limits, 3_600_000)) {
      write("ratelimit.default.requests.per.minute=-3\n", 10);
      assertThat(watcher.checkOnce()).isFalse();
      assertThat(limits.get().defaultRequestsPerMinute()).isEqualTo(60);
      write("ratelimit.partition.by=tenant\n", 20);
      assertThat(watcher.checkOnce()).as("the partitioning needs a restart").isFalse();
      assertThat(limits.get().partitionByTenant()).isFalse();
    }
  }
}
