package io.guardstream.cli;

import io.guardstream.config.ConfigLoader;
import io.guardstream.config.TopicNames;
import io.guardstream.worker.EchoWorker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code worker}: an LLM worker against an external cluster; the echo provider for now. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an LLM worker against an external Kafka cluster.",
      "Consumes the worker-request topic, answers, produces to the worker-response topic,",
      "in one Kafka transaction per batch (an answer is written exactly when its request is consumed).",
      "Providers: echo (answers with the last user message; for trying the pipeline without a model)."
    })
final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--config", description = "Guardstream properties file (bootstrap.servers, topics.*)")
  Path config;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: config file or GUARDSTREAM_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(names = "--provider", defaultValue = "echo", description = "model provider (default: ${DEFAULT-VALUE})")
  String provider;

  @Option(names = "--group", defaultValue = "guardstream-worker", description = "consumer group (default: ${DEFAULT-VALUE})")
  String group;

  @Override
  public Integer call() throws InterruptedException {
    if (!provider.equals("echo")) {
      throw new Main.UsageError("unknown provider '" + provider + "': only echo is available so far");
    }
    Properties p = ConfigLoader.readProperties(config);
    String servers = Arrays.asList(bootstrapServers, System.getenv("GUARDSTREAM_BOOTSTRAP_SERVERS"),
        p.getProperty("bootstrap.servers")).stream().filter(s -> s != null && !s.isBlank()).findFirst()
        .orElseThrow(() -> new Main.UsageError("no Kafka cluster given: --bootstrap-servers, --config or GUARDSTREAM_BOOTSTRAP_SERVERS"));
    TopicNames d = TopicNames.DEFAULTS;
    String requests = p.getProperty("topics.worker.requests", d.workerRequests());
    String responses = p.getProperty("topics.worker.responses", d.workerResponses());
    CountDownLatch stopped = new CountDownLatch(1);
    EchoWorker worker = new EchoWorker(servers, requests, responses, group).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stopped.countDown();
    }, "worker-shutdown"));
    System.err.println("echo worker answering " + requests + " into " + responses + " on " + servers + "; stop with Ctrl-C");
    stopped.await();
    return 0;
  }
}
