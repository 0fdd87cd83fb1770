package io.guardstream.topology;

import io.guardstream.config.ConfigWatcher;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.ratelimit.LiveLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running pipeline: the topology in a {@link KafkaStreams} client, closed by leaving the group. */
public final class GuardstreamApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GuardstreamApp.class);

  private final KafkaStreams streams;
  private final LiveLimits limits;
  private ConfigWatcher watcher;

  private GuardstreamApp(KafkaStreams streams, LiveLimits limits) {
    this.streams = streams;
    this.limits = limits;
  }

  /**
   * Starts the pipeline and reloads its limits whenever {@code file} changes (checked every second);
   * other settings take effect at the next restart.
   */
  public static GuardstreamApp start(GuardstreamConfig config, Detectors detectors, Path file, Map<String, String> env) {
    GuardstreamApp app = start(config, detectors);
    app.watcher = ConfigWatcher.start(file, env, app.limits, 1_000);
    return app;
  }

  public static GuardstreamApp start(GuardstreamConfig config, Detectors detectors) {
    PartitionLayout.check(config);
    Properties properties = StreamsSettings.of(config);
    var limits = new LiveLimits(config.rateLimit());
    var streams = new KafkaStreams(GuardstreamTopology.build(config, detectors, properties, limits), properties);
    streams.setUncaughtExceptionHandler(e -> {
      // fail closed: a stream thread that cannot process is replaced, never skipped past a record
      LOG.error("stream thread failed, replacing it: {}", e.getClass().getName());
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    return new GuardstreamApp(streams, limits);
  }

  /** The limits in force, which a configuration reload replaces. */
  public LiveLimits limits() {
    return limits;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    // leave the group so that another instance takes over at once instead of after the session timeout
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
