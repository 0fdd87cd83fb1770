package io.guardstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is a contract: store and internal topic names are where state lives, so a
 * renamed node shows up here, in review, instead of as lost state in production. After an intended
 * change, regenerate with {@code -Dguardstream.golden.update=true}.
 */
class TopologyDescriptionTest {

  private static final Path GOLDEN = Path.of("src/test/resources/topology-description.txt");

  @Test
  void shouldMatchTheCommittedTopologyDescription() throws Exception {
    String description;
    try (var f = new PipelineFixture()) {
      description = GuardstreamTopology.build(f.config, StandardDetectors.load(), StreamsSettings.of(f.config))
          .describe().toString();
    }
    if (Boolean.getBoolean("guardstream.golden.update")) {
      Files.writeString(GOLDEN, description);
    }
    assertThat(description).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void shouldNameEveryStoreAndInternalTopic() throws Exception {
    String description = Files.readString(GOLDEN);
    assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+").doesNotContainPattern("KTABLE-[A-Z]+-\\d+");
    assertThat(description).contains("requests-by-principal", "auth-failures-by-source", "rate-limit-requests",
        "pending-requests", "auth-failures-per-source", "api-keys");
  }
}
