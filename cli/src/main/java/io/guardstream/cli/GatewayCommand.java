package io.guardstream.cli;

import io.guardstream.config.ConfigLoader;
import io.guardstream.gateway.Gateway;
import io.guardstream.gateway.GatewayConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway}: the OpenAI-compatible HTTPS gateway against an external cluster. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the OpenAI-compatible HTTPS gateway against an external Kafka cluster.",
      "POST /v1/chat/completions goes to the requests topic with the caller's Authorization header;",
      "the answer on the responses topic comes back with its status and x-ratelimit-* headers.",
      "Settings (gateway.*, topics.*, bootstrap.servers) come from the properties file, overridden by",
      "GUARDSTREAM_* environment variables, overridden by these options; the keystore password is an",
      "env:NAME or file:/path reference. See README, Gateway."
    })
final class GatewayCommand implements Callable<Integer> {

  @Option(names = "--config", description = "properties file with gateway.* settings")
  Path config;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: config file or GUARDSTREAM_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(names = "--host", description = "address to listen on (default: gateway.host or 0.0.0.0)")
  String host;

  @Option(names = "--port", description = "port to listen on (default: gateway.port or 8443)")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> env = new HashMap<>(System.getenv());
    putIfGiven(env, "GUARDSTREAM_BOOTSTRAP_SERVERS", bootstrapServers);
    putIfGiven(env, "GUARDSTREAM_GATEWAY_HOST", host);
    putIfGiven(env, "GUARDSTREAM_GATEWAY_PORT", port == null ? null : port.toString());
    GatewayConfig settings = GatewaySettings.load(ConfigLoader.readProperties(config), env);
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway gateway = Gateway.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "gateway-shutdown"));
    System.err.println("gateway ready at " + gateway.baseUri() + (settings.tls() == null ? " (plain HTTP: put it behind a TLS proxy)" : "")
        + ", answering from " + settings.responsesTopic() + " on " + settings.bootstrapServers() + "; stop with Ctrl-C");
    stopped.await();
    return 0;
  }

  /** Options outrank the environment, which outranks the file: they are folded in as environment values. */
  private static void putIfGiven(Map<String, String> env, String name, String value) {
    if (value != null && !value.isBlank()) {
      env.put(name, value);
    }
  }
}
