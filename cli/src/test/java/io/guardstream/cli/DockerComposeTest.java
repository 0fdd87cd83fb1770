package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.config.ConfigLoader;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.TopicNames;
import io.guardstream.gateway.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked against the application
 * instead: the cluster it describes, the topics it creates and the pipeline settings it passes.
 */
class DockerComposeTest {

  private static final Path ROOT = Path.of("..");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    return (Map<String, Object>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) throws IOException {
    return (Map<String, Object>) services().get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(String name) throws IOException {
    return (Map<String, Object>) service(name).get("environment");
  }

  @Test
  void shouldDescribeAThreeNodeKraftClusterOfTheOfficialImage() throws IOException {
    for (String node : List.of("kafka-1", "kafka-2", "kafka-3")) {
      assertThat(service(node).get("image")).isEqualTo("apache/kafka:4.4.0");
      assertThat(env(node).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
      assertThat(env(node).get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
          .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
      assertThat(env(node).get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://" + node + ":9092");
    }
    assertThat(List.of(env("kafka-1").get("KAFKA_NODE_ID"), env("kafka-2").get("KAFKA_NODE_ID"),
        env("kafka-3").get("KAFKA_NODE_ID"))).containsExactly(1, 2, 3);
    // exactly-once needs a transaction log that survives a broker
    assertThat(env("kafka-1").get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo(3);
  }

  @Test
  void shouldCreateEveryDefaultTopicWithCoPartitionedWorkerTopicsAndACompactedRegistry() throws IOException {
    @SuppressWarnings("unchecked")
    String script = String.join("\n", (List<String>) service("create-topics").get("command"));
    Map<String, Integer> partitions = new HashMap<>();
    Matcher loop = Pattern.compile("for topic in ([^;]+); do\\s+\\S+ .*?--partitions (\\d+)").matcher(script);
    while (loop.find()) {
      for (String topic : loop.group(1).trim().split("\\s+")) {
        partitions.put(topic, Integer.parseInt(loop.group(2)));
      }
    }
    Matcher single = Pattern.compile("--topic (llm\\.[a-z.]+) --partitions (\\d+)").matcher(script);
    while (single.find()) {
      partitions.put(single.group(1), Integer.parseInt(single.group(2)));
    }
    assertThat(script).containsPattern("--topic llm.keys --partitions 1 .*--config cleanup.policy=compact");
    assertThat(script).containsPattern("--topic llm.requests --partitions \\d+ .*--config message.timestamp.type=LogAppendTime");
    assertThat(partitions).containsOnlyKeys(TopicNames.DEFAULTS.requests(), TopicNames.DEFAULTS.workerRequests(),
        TopicNames.DEFAULTS.workerResponses(), TopicNames.DEFAULTS.responses(), TopicNames.DEFAULTS.audit(),
        TopicNames.DEFAULTS.alerts(), TopicNames.DEFAULTS.dlq(), TopicNames.DEFAULTS.keys());
    assertThat(partitions.get("llm.worker.requests")).isEqualTo(partitions.get("llm.worker.responses"));
  }

  @Test
  void shouldRunTwoPipelineInstancesOfOneApplicationWithAValidConfiguration() throws IOException {
    assertThat(service("guardstream-1").get("command")).isEqualTo(service("guardstream-2").get("command"));
    assertThat(env("guardstream-1")).isEqualTo(env("guardstream-2"));
    assertThat(service("guardstream-1").get("command"))
        .isEqualTo(List.of("run", "--config", "/etc/guardstream/guardstream.properties"));

    Properties file = ConfigLoader.readProperties(ROOT.resolve("deploy/guardstream.properties"));
    assertThat(file.getProperty("dlq.encryption.key")).startsWith("file:/run/secrets/");
    assertThat(file.getProperty("audit.pseudonym.key")).startsWith("file:/run/secrets/");
    assertThat(file.getProperty("auth.api.key.pepper")).startsWith("file:/run/secrets/");
    // the secret files exist only on the user's machine: validate everything else as `run` would
    file.setProperty("dlq.encryption.key", "env:KEY");
    file.setProperty("audit.pseudonym.key", "env:KEY");
    file.setProperty("auth.api.key.pepper", "env:KEY");
    Map<String, String> processEnv = new HashMap<>();
    env("guardstream-1").forEach((k, v) -> processEnv.put(k, String.valueOf(v)));
    processEnv.put("KEY", Base64.getEncoder().encodeToString(new byte[32]));
    GuardstreamConfig config = ConfigLoader.load(file, processEnv);
    assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(config.topics()).isEqualTo(TopicNames.DEFAULTS);
    assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
  }

  @Test
  void shouldRunAWorkerOnTheSameClusterWithACommandTheCliKnows() throws IOException {
    @SuppressWarnings("unchecked")
    List<String> command = (List<String>) service("worker").get("command");
    assertThat(env("worker").get("GUARDSTREAM_BOOTSTRAP_SERVERS")).isEqualTo(env("guardstream-1").get("GUARDSTREAM_BOOTSTRAP_SERVERS"));
    // the same command line, minus the cluster, must parse: --help exits 0 through the same parser
    List<String> withHelp = new java.util.ArrayList<>(command);
    withHelp.add("--help");
    assertThat(Main.execute(withHelp.toArray(String[]::new))).isZero();
  }

  @Test
  void shouldRunAGatewayOnTheSameClusterWithAValidConfiguration(@TempDir Path dir) throws IOException {
    @SuppressWarnings("unchecked")
    List<String> command = (List<String>) service("gateway").get("command");
    assertThat(command).isEqualTo(List.of("gateway", "--config", "/etc/guardstream/gateway.properties"));
    assertThat(env("gateway").get("GUARDSTREAM_BOOTSTRAP_SERVERS")).isEqualTo(env("guardstream-1").get("GUARDSTREAM_BOOTSTRAP_SERVERS"));
    assertThat(service("gateway").get("ports")).isEqualTo(List.of("8443:8443"));

    Properties file = ConfigLoader.readProperties(ROOT.resolve("deploy/gateway.properties"));
    assertThat(file.getProperty("gateway.tls.keystore.password")).startsWith("file:/run/secrets/");
    // the keystore and its password exist only on the user's machine: validate the rest as `gateway` would
    file.setProperty("gateway.tls.keystore.path", Files.writeString(dir.resolve("gateway.p12"), "keystore").toString());
    file.setProperty("gateway.tls.keystore.password", "env:PASSWORD");
    Map<String, String> processEnv = new HashMap<>();
    env("gateway").forEach((k, v) -> processEnv.put(k, String.valueOf(v)));
    processEnv.put("PASSWORD", "changeit");
    GatewayConfig config = GatewaySettings.load(file, processEnv);
    assertThat(config.port()).isEqualTo(8443);
    assertThat(config.tls()).isNotNull();
    assertThat(config.requestsTopic()).isEqualTo(TopicNames.DEFAULTS.requests());
    assertThat(config.responsesTopic()).isEqualTo(TopicNames.DEFAULTS.responses());
    // the pipeline's own 504 (audited) must come before the gateway gives up
    Properties pipeline = ConfigLoader.readProperties(ROOT.resolve("deploy/guardstream.properties"));
    assertThat(config.replyTimeout().toMillis()).isGreaterThan(Long.parseLong(pipeline.getProperty("worker.timeout.ms")));
  }
}
