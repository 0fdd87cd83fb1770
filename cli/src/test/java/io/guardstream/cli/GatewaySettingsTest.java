package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.config.ConfigException;
import io.guardstream.gateway.Cidr;
import io.guardstream.gateway.GatewayConfig;
import io.guardstream.gateway.GatewayHeaders;
import io.guardstream.ingest.RequestHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsTest {

  @TempDir Path dir;

  private Properties file(String... keyValues) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", "kafka:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private Path keystore() throws IOException {
    return Files.writeString(dir.resolve("gateway.p12"), "not read until the server starts");
  }

  @Test
  void shouldUseDocumentedDefaultsWhenOnlyTheKeystoreIsGiven() throws IOException {
    GatewayConfig config = GatewaySettings.load(file("gateway.tls.keystore.path", keystore().toString(),
        "gateway.tls.keystore.password", "env:KEYSTORE_PASSWORD", "application.id", "belongs-to-run"),
        Map.of("KEYSTORE_PASSWORD", "s3cret"));
    assertThat(config.port()).isEqualTo(8443);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    // above the pipeline's own worker.timeout.ms (30 s), so that its audited 504 normally comes first
    assertThat(config.replyTimeout()).isEqualTo(Duration.ofSeconds(35));
    assertThat(config.maxBodyBytes()).isEqualTo(262_144);
    assertThat(config.requestsTopic()).isEqualTo("llm.requests");
    assertThat(config.responsesTopic()).isEqualTo("llm.responses");
    assertThat(config.corsOrigins()).isEmpty();
    assertThat(config.trustedProxies()).isEmpty();
    assertThat(config.tls().password()).isEqualTo("s3cret");
    assertThat(config.tls().toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldServePlainHttpOnlyWhenTlsIsExplicitlyDisabled() {
    assertThat(GatewaySettings.load(file("gateway.tls.enabled", "false"), Map.of()).tls()).isNull();
    assertThatThrownBy(() -> GatewaySettings.load(file(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("gateway.tls.keystore.path: is required for HTTPS");
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFileWhenBothSetAKey() {
    GatewayConfig config = GatewaySettings.load(file("gateway.tls.enabled", "false", "gateway.port", "9000",
        "gateway.trusted.proxies", "10.0.0.0/8, 192.168.0.1", "gateway.cors.allowed.origins", "https://a.test,https://b.test"),
        Map.of("GUARDSTREAM_GATEWAY_PORT", "9001", "GUARDSTREAM_TOPICS_RESPONSES", "tenant.responses"));
    assertThat(config.port()).isEqualTo(9001);
    assertThat(config.responsesTopic()).isEqualTo("tenant.responses");
    assertThat(config.trustedProxies()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.0.1/32"));
    assertThat(config.corsOrigins()).containsExactly("https://a.test", "https://b.test");
  }

  @Test
  void shouldFailWithOneLineNamingTheKeyWhenASettingIsWrong() throws IOException {
    String keystore = keystore().toString();
    assertThatThrownBy(() -> GatewaySettings.load(file("gateway.tls.enabled", "false", "gateway.prot", "1"), Map.of()))
        .hasMessage("gateway.prot: unknown gateway setting (see README, Gateway)");
    assertThatThrownBy(() -> GatewaySettings.load(file("gateway.tls.enabled", "false", "gateway.port", "70000"), Map.of()))
        .hasMessage("gateway.port: must be between 0 and 65535, was 70000");
    assertThatThrownBy(() -> GatewaySettings.load(file("gateway.tls.enabled", "false", "gateway.trusted.proxies", "proxy.internal"), Map.of()))
        .hasMessage("gateway.trusted.proxies: 'proxy.internal' is not an IP address or CIDR range");
    assertThatThrownBy(() -> GatewaySettings.load(file("gateway.tls.keystore.path", keystore,
        "gateway.tls.keystore.password", "hunter2"), Map.of()))
        .hasMessage("gateway.tls.keystore.password: a secret must be a reference: env:NAME or file:/path");
    assertThatThrownBy(() -> GatewaySettings.load(file("gateway.tls.keystore.path", dir.resolve("none.p12").toString()), Map.of()))
        .hasMessageStartingWith("gateway.tls.keystore.path: cannot read");
    Properties noCluster = new Properties();
    assertThatThrownBy(() -> GatewaySettings.load(noCluster, Map.of()))
        .hasMessageStartingWith("bootstrap.servers: is required");
  }

  @Test
  void shouldExitTwoWithOneLineWhenTheGatewayCommandGetsABadSetting() throws IOException {
    Path config = Files.writeString(dir.resolve("gateway.properties"), "gateway.tls.enabled=maybe\n");
    assertThat(Main.execute("gateway", "--config", config.toString(), "--bootstrap-servers", "localhost:1")).isEqualTo(2);
  }

  @Test
  void shouldWriteTheRecordHeadersThePipelineReadsWhenProducingRequests() {
    assertThat(GatewayHeaders.AUTHORIZATION).isEqualTo(RequestHeaders.AUTHORIZATION);
    assertThat(GatewayHeaders.CLIENT_ADDRESS).isEqualTo(RequestHeaders.CLIENT_ADDRESS);
  }
}
