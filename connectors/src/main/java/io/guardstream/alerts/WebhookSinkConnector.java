package io.guardstream.alerts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink posting the alerts of {@code llm.alerts} to a webhook, signed with HMAC-SHA-256.
 * Every task gets the same settings; the worker spreads the topic's partitions over them.
 */
public final class WebhookSinkConnector extends SinkConnector {

  static final String VERSION = versionOfJar();

  private Map<String, String> settings = Map.of();

  @Override
  public void start(Map<String, String> props) {
    new WebhookSinkConfig(props); // fail the connector, not each task, on a bad setting
    settings = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return WebhookSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return Collections.nCopies(maxTasks, settings);
  }

  @Override
  public void stop() {
    settings = Map.of();
  }

  @Override
  public ConfigDef config() {
    return WebhookSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }

  private static String versionOfJar() {
    String version = WebhookSinkConnector.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
