package io.guardstream.cli;

import io.guardstream.config.ConfigLoader;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.topology.GuardstreamApp;
import io.guardstream.topology.StandardDetectors;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the topology against an external cluster until SIGTERM / Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Guardstream topology against an external Kafka cluster.",
      "Settings come from the properties file, overridden by GUARDSTREAM_* environment variables;",
      "secrets (dlq.encryption.key, audit.pseudonym.key) are env:NAME or file:/path references."
    })
final class RunCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "Guardstream properties file")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    GuardstreamConfig settings = ConfigLoader.load(config, System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    // limits (defaults, tenants, prices) are reloaded when the file changes; the rest needs a restart
    GuardstreamApp app = GuardstreamApp.start(settings, StandardDetectors.load(), config, System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "guardstream-shutdown"));
    System.err.println("guardstream running as " + settings.applicationId() + " against " + settings.bootstrapServers()
        + "; stop with Ctrl-C");
    stopped.await();
    return 0;
  }
}
