package io.guardstream.topology;

import io.guardstream.config.GuardstreamConfig;
import java.time.Duration;
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

  private GuardstreamApp(KafkaStreams streams) {
    this.streams = streams;
  }

  public static GuardstreamApp start(GuardstreamConfig config, Detectors detectors) {
    Properties properties = StreamsSettings.of(config);
    var streams = new KafkaStreams(GuardstreamTopology.build(config, detectors, properties), properties);
    streams.setUncaughtExceptionHandler(e -> {
      // fail closed: a stream thread that cannot process is replaced, never skipped past a record
      LOG.error("stream thread failed, replacing it: {}", e.getClass().getName());
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    return new GuardstreamApp(streams);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    // leave the group so that another instance takes over at once instead of after the session timeout
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
