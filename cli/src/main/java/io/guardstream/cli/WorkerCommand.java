package io.guardstream.cli;

import io.guardstream.config.ConfigLoader;
import io.guardstream.config.Secret;
import io.guardstream.config.TopicNames;
import io.guardstream.worker.LlmWorker;
import io.guardstream.worker.ModelProvider;
import io.guardstream.worker.OpenAiProvider;
import io.guardstream.worker.OpenAiSettings;
import io.guardstream.worker.ProviderApiKey;
import io.guardstream.worker.RetryPolicy;
import io.guardstream.worker.WorkerKafka;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code worker}: an LLM worker against an external cluster, with the echo or an OpenAI-compatible model. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an LLM worker against an external Kafka cluster.",
      "Consumes the worker-request topic, has the model answer, produces to the worker-response topic;",
      "answers and request offsets are committed in one Kafka transaction (see README, Worker).",
      "Providers: echo (answers with the last user message; no model needed),",
      "openai (any OpenAI-compatible POST {base-url}/chat/completions: OpenAI, vLLM, Ollama, LiteLLM)."
    })
final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--config", description = "Guardstream properties file (bootstrap.servers, topics.*)")
  Path config;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: config file or GUARDSTREAM_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(names = "--provider", defaultValue = "echo", description = "echo or openai (default: ${DEFAULT-VALUE})")
  String provider;

  @Option(names = "--group", defaultValue = "guardstream-worker", description = "consumer group (default: ${DEFAULT-VALUE})")
  String group;

  @Option(names = "--instance-id", description = "names this worker's transactional producer; reuse it for a restarted instance (default: random)")
  String instanceId;

  @Option(names = "--base-url", description = "openai: the API base, e.g. https://api.openai.com/v1")
  URI baseUrl;

  @Option(names = "--model-map", split = ",", description = "openai: REQUESTED=PROVIDER model names, repeatable; * maps any other model")
  List<String> modelMap = List.of();

  @Option(names = "--api-key", description = "openai: the provider key as a reference, env:NAME or file:/path (omit for servers without keys)")
  String apiKey;

  @Option(names = "--concurrency", defaultValue = "16", description = "model calls in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--call-timeout-ms", defaultValue = "20000", description = "openai: one attempt's time limit (default: ${DEFAULT-VALUE})")
  long callTimeoutMs;

  @Option(names = "--max-attempts", defaultValue = "4", description = "openai: attempts per request, the first included (default: ${DEFAULT-VALUE})")
  int maxAttempts;

  @Option(names = "--initial-backoff-ms", defaultValue = "500", description = "openai: backoff ceiling before the first retry (default: ${DEFAULT-VALUE})")
  long initialBackoffMs;

  @Option(names = "--max-backoff-ms", defaultValue = "8000", description = "openai: cap on the backoff ceiling (default: ${DEFAULT-VALUE})")
  long maxBackoffMs;

  // below the pipeline's worker.timeout.ms (30 s): an answer after the caller got its 504 helps no one
  @Option(names = "--max-total-time-ms", defaultValue = "25000", description = "openai: no attempt runs past this long from the first (default: ${DEFAULT-VALUE})")
  long maxTotalTimeMs;

  @Override
  public Integer call() throws InterruptedException {
    ModelProvider model = provider();
    Properties p = ConfigLoader.readProperties(config);
    String servers = Arrays.asList(bootstrapServers, System.getenv("GUARDSTREAM_BOOTSTRAP_SERVERS"),
        p.getProperty("bootstrap.servers")).stream().filter(s -> s != null && !s.isBlank()).findFirst()
        .orElseThrow(() -> new Main.UsageError("no Kafka cluster given: --bootstrap-servers, --config or GUARDSTREAM_BOOTSTRAP_SERVERS"));
    TopicNames d = TopicNames.DEFAULTS;
    String requests = p.getProperty("topics.worker.requests", d.workerRequests());
    String responses = p.getProperty("topics.worker.responses", d.workerResponses());
    WorkerKafka kafka = new WorkerKafka(servers, requests, responses, group, instanceId != null ? instanceId : UUID.randomUUID().toString());
    LlmWorker worker = new LlmWorker(kafka, model, concurrency).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close(Duration.ofMillis(Math.min(callTimeoutMs, 30_000))); // let answers in flight land
      stopped.countDown();
    }, "worker-shutdown"));
    System.err.println(model.name() + " worker answering " + requests + " into " + responses + " on " + servers
        + " with " + concurrency + " calls in flight; stop with Ctrl-C");
    stopped.await();
    return 0;
  }

  /** Builds and validates the provider before anything connects: a bad option is one line, exit 2. */
  private ModelProvider provider() {
    if (concurrency < 1) {
      throw new Main.UsageError("--concurrency: must be at least 1, got " + concurrency);
    }
    switch (provider) {
      case "echo":
        return ModelProvider.echo();
      case "openai":
        if (baseUrl == null) {
          throw new Main.UsageError("--base-url: required with --provider openai");
        }
        try {
          ProviderApiKey key = null;
          if (apiKey != null) {
            Secret secret = Secret.resolve("--api-key", apiKey, System.getenv());
            key = ProviderApiKey.of(secret.reference(), secret.bytes());
          }
          RetryPolicy retry = new RetryPolicy(maxAttempts, Duration.ofMillis(initialBackoffMs), Duration.ofMillis(maxBackoffMs),
              Duration.ofMillis(maxTotalTimeMs));
          return new OpenAiProvider(new OpenAiSettings(baseUrl, modelMap(), key, Duration.ofMillis(callTimeoutMs), retry));
        } catch (IllegalArgumentException e) {
          throw new Main.UsageError("--" + e.getMessage());
        }
      default:
        throw new Main.UsageError("--provider: unknown provider '" + provider + "': echo or openai");
    }
  }

  private Map<String, String> modelMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : modelMap) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new Main.UsageError("--model-map: expected REQUESTED=PROVIDER, got '" + entry + "'");
      }
      map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return map;
  }
}
