package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose's Connect service cannot run here (no Docker engine): its worker properties and the
 * connector settings it documents are checked against Connect's and the connector's own ConfigDefs.
 */
class DeployedConnectorConfigTest {

  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void shouldReadSecretsThroughTheFileProviderAndFailedAlertsToADlqWhenDeployedAsDocumented() throws IOException {
    Map<String, String> settings = Json.MAPPER.readValue(Files.readString(DEPLOY.resolve("alert-webhook.json")), new TypeReference<>() {});
    assertThat(settings.get(WebhookSinkConfig.URL)).isEqualTo("${file:/run/secrets/alert-webhook.properties:url}");
    assertThat(settings.get(WebhookSinkConfig.SECRET)).isEqualTo("${file:/run/secrets/alert-webhook.properties:secret}");
    assertThat(settings).containsEntry("connector.class", WebhookSinkConnector.class.getName())
        .containsEntry("topics", "llm.alerts")
        .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
        .containsEntry("errors.tolerance", "all")
        .containsKey("errors.deadletterqueue.topic.name");

    // the worker substitutes the file's values before the connector sees them
    Map<String, String> resolved = new HashMap<>(settings);
    resolved.put(WebhookSinkConfig.URL, "https://hooks.example.com/services/T0/B0/x");
    resolved.put(WebhookSinkConfig.SECRET, "s".repeat(44));
    assertThat(new WebhookSinkConfig(resolved).format()).isEqualTo(WebhookFormat.SLACK);
  }

  @Test
  void shouldDescribeAValidDistributedWorkerWithTheFileConfigProviderAndThePluginPath(@TempDir Path secrets) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("connect-distributed.properties"))) {
      properties.load(reader);
    }
    Map<String, String> worker = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> worker.put(name, properties.getProperty(name)));
    assertThat(worker.get("config.providers.file.param.allowed.paths")).isEqualTo("/run/secrets");
    // the provider checks that its allowed paths exist: /run/secrets does in the container, not here
    worker.put("config.providers.file.param.allowed.paths", secrets.toString());
    DistributedConfig config = new DistributedConfig(worker);

    assertThat(config.getList("plugin.path")).containsExactly("/opt/connect-plugins");
    assertThat(config.getList("config.providers")).containsExactly("file");
    assertThat(worker.get("value.converter")).isEqualTo("org.apache.kafka.connect.converters.ByteArrayConverter");
    assertThat(Files.readString(DEPLOY.resolve("connect.Dockerfile"))).contains("COPY --from=build /src/connectors/target/alert-webhook-plugin/ /opt/connect-plugins/");
  }
}
