package io.guardstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  @Test
  void streamProducersCompressAndBatchAsConfigured() throws Exception {
    try (var f = new PipelineFixture()) {
      Properties p = StreamsSettings.of(f.config);
      StreamsConfig streams = new StreamsConfig(p);
      var producer = streams.getProducerConfigs("client");

      assertThat(producer).containsEntry("compression.type", "lz4").containsEntry("batch.size", 131_072);
      assertThat(streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }
  }
}
