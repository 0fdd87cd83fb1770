package io.guardstream.cli;

import io.guardstream.auth.KeyHasher;
import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.cli.demo.DemoGatewayClient;
import io.guardstream.cli.demo.DemoIssuer;
import io.guardstream.cli.demo.DemoMonitor;
import io.guardstream.cli.demo.DemoTraffic;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.TopicNames;
import io.guardstream.gateway.Gateway;
import io.guardstream.gateway.GatewayConfig;
import io.guardstream.gateway.SelfSignedCertificate;
import io.guardstream.topology.GuardstreamApp;
import io.guardstream.topology.StandardDetectors;
import io.guardstream.worker.EchoWorker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: an embedded KRaft broker, the pipeline, an echo worker and a mix of traffic, all in
 * this process, with a live progress line and a summary.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a broker, the pipeline, the HTTPS gateway, an echo worker and sample traffic in this process.",
      "Starts an embedded single-node Kafka (KRaft) broker, the pipeline, the OpenAI-compatible gateway",
      "(HTTPS with a self-signed certificate made at start) and an echo LLM worker in this process,",
      "drives sample traffic (good requests, bad tokens, a rate-limit burst, PII, injections, malformed",
      "records; part of it through the gateway) and shows a live summary. Runs until Ctrl-C, or for",
      "--duration seconds."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--duration", description = "stop by itself after this many seconds (default: run until Ctrl-C)")
  Integer durationSeconds;

  @Option(names = "--rate", defaultValue = "50", description = "requests per second of steady traffic (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--gateway-port", defaultValue = "8443",
      description = "HTTPS port of the gateway (default: ${DEFAULT-VALUE}; a free one if taken; 0 for any)")
  int gatewayPort;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (durationSeconds != null && durationSeconds < 5) {
      throw new Main.UsageError("--duration must be at least 5 seconds");
    }
    if (rate < 1 || rate > 5_000) {
      throw new Main.UsageError("--rate must be between 1 and 5000");
    }
    if (gatewayPort < 0 || gatewayPort > 65_535) {
      throw new Main.UsageError("--gateway-port must be between 0 and 65535");
    }
    // the demo's own output is the show: Kafka's start-up chatter (expected warnings on a fresh
    // single-node cluster) would bury it; JAVA_OPTS=-Dguardstream.kafka.log.level=WARN brings it back
    if (System.getProperty("guardstream.kafka.log.level") == null) {
      Configurator.setLevel("org.apache.kafka", Level.ERROR);
      Configurator.setLevel("kafka", Level.ERROR);
      Configurator.setLevel("io.guardstream.broker", Level.WARN);
    }
    Path work = Files.createTempDirectory("guardstream-demo-");
    long started = System.nanoTime();
    out.println("Guardstream demo: starting an embedded Kafka broker (KRaft, in this process)...");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      TopicNames names = TopicNames.DEFAULTS;
      // the broker stamps request times, as in production (see README, Rate limiting)
      kafka.createTopics(java.util.Set.of(names.requests()), 3, Map.of("message.timestamp.type", "LogAppendTime"));
      kafka.createTopics(Map.of(names.workerRequests(), 3, names.workerResponses(), 3,
          names.responses(), 3, names.audit(), 3, names.alerts(), 1, names.dlq(), 1));
      kafka.createCompactedTopic(names.keys(), 1);
      var issuer = new DemoIssuer(work);
      GuardstreamConfig config = config(kafka.bootstrapServers(), issuer, work);
      var registry = new KeyRegistryClient(kafka.bootstrapServers(), names.keys());
      var hasher = KeyHasher.of(config.auth().apiKeyPepper());
      var credentials = new DemoTraffic.Credentials(
          KeysCommand.issue(registry, hasher, "demo-team", KeysCommand.scopes("demo", List.of("gpt-4o-mini", "gpt-4o"), 100_000, null, null), 1),
          KeysCommand.issue(registry, hasher, "batch-job", KeysCommand.scopes("demo", List.of("gpt-4o-mini"), 20, null, null), 1),
          KeysCommand.issue(registry, hasher, "intern-sandbox", KeysCommand.scopes("demo", List.of("gpt-4o-mini"), 600, null, null), 1),
          issuer);
      out.printf("broker ready at %s (%.1f s)%n", kafka.bootstrapServers(), (System.nanoTime() - started) / 1e9);

      try (GuardstreamApp app = GuardstreamApp.start(config, StandardDetectors.load());
          EchoWorker worker = new EchoWorker(kafka.bootstrapServers(), names.workerRequests(), names.workerResponses(),
              "guardstream-echo-worker").start();
          DemoTraffic traffic = new DemoTraffic(kafka.bootstrapServers(), names.requests(), credentials);
          DemoMonitor monitor = new DemoMonitor(kafka.bootstrapServers(), names, traffic.sentAtNanos()).start()) {
        awaitRunning(app);
        out.printf("pipeline running (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(work.resolve("tls"), Duration.ofDays(1));
        Path certificatePem = certificate.writeCertificatePem(work.resolve("tls").resolve("gateway-cert.pem"));
        try (Gateway gateway = startGateway(kafka.bootstrapServers(), names, certificate)) {
          var gatewayClient = new DemoGatewayClient(gateway.baseUri(), certificate.sslContext());
          out.printf("gateway ready at %s (HTTPS, self-signed certificate, SHA-256 fingerprint %s)%n",
              gateway.baseUri(), certificate.sha256Fingerprint());
          out.println("Demo API key, shown once:  export GUARDSTREAM_DEMO_KEY=" + credentials.demoKey());
          printHowToUse(kafka.bootstrapServers(), names, gateway, certificatePem);
          drive(traffic, monitor, gatewayClient);
          gatewayClient.awaitInFlight();
          out.println();
          printSummary(traffic, monitor, gatewayClient, started);
        }
        out.println("stopping...");
      }
    } finally {
      TempDirs.deleteQuietly(work);
    }
    out.println("demo stopped cleanly.");
    return 0;
  }

  private static GuardstreamConfig config(String bootstrap, DemoIssuer issuer, Path work) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("application.id", "guardstream-demo");
    p.setProperty("state.dir", work.resolve("state").toString());
    p.setProperty("auth.jwt.jwks.file", issuer.jwksFile().toString());
    p.setProperty("auth.jwt.issuer", DemoIssuer.ISSUER);
    p.setProperty("auth.jwt.audience", DemoIssuer.AUDIENCE);
    p.setProperty("anomaly.auth.failures.threshold", "10");
    p.setProperty("worker.timeout.ms", "10000");
    p.setProperty("ratelimit.default.requests.per.minute", "600");
    return LocalSettings.load(null, p);
  }

  private static void awaitRunning(GuardstreamApp app) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (app.state() != KafkaStreams.State.RUNNING) {
      if (System.currentTimeMillis() > deadline || app.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("the pipeline did not start: state " + app.state());
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** The gateway on --gateway-port, or on a free port when that one is taken (another demo, say). */
  private Gateway startGateway(String bootstrap, TopicNames names, SelfSignedCertificate certificate) {
    var config = new GatewayConfig(bootstrap, "127.0.0.1", gatewayPort, certificate.tls(), Duration.ofSeconds(10), 262_144,
        10_000, List.of(), List.of(), names.requests(), names.responses());
    try {
      return Gateway.start(config);
    } catch (IllegalStateException e) {
      if (gatewayPort == 0 || !e.getMessage().startsWith("the gateway cannot listen")) {
        throw e;
      }
      out.println("port " + gatewayPort + " is taken; the gateway takes a free one");
      return Gateway.start(config.withPort(0));
    }
  }

  private void drive(DemoTraffic traffic, DemoMonitor monitor, DemoGatewayClient gateway) throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread hook = new Thread(interrupted::countDown, "demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean tty = System.console() != null;
    long start = System.currentTimeMillis();
    long end = durationSeconds == null ? Long.MAX_VALUE : start + durationSeconds * 1000L;
    long burstAt = start + 5_000;
    boolean burstSent = false;
    long nextReport = start + (tty ? 500 : 5_000);
    int perTick = Math.max(1, rate / 10);
    // a fifth of the steady traffic goes through the gateway, over HTTPS
    int throughGateway = Math.max(1, perTick / 5);
    int toKafka = Math.max(1, perTick - throughGateway);
    while (System.currentTimeMillis() < end && interrupted.getCount() > 0) {
      traffic.tick(toKafka);
      traffic.tickThroughGateway(gateway, throughGateway);
      if (!burstSent && System.currentTimeMillis() >= burstAt) {
        traffic.burst(40);
        burstSent = true;
      }
      if (System.currentTimeMillis() >= nextReport) {
        report(traffic, monitor, gateway, start, tty);
        nextReport += tty ? 500 : 5_000;
      }
      interrupted.await(100, TimeUnit.MILLISECONDS);
    }
    // let the last responses arrive
    long drainUntil = System.currentTimeMillis() + 10_000;
    while (monitor.responses() < traffic.sent() + gateway.sent() && System.currentTimeMillis() < drainUntil) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    report(traffic, monitor, gateway, start, tty);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down (Ctrl-C): the try-with-resources above still closes everything
    }
  }

  private void report(DemoTraffic traffic, DemoMonitor monitor, DemoGatewayClient gateway, long start, boolean tty) {
    Histogram h = monitor.latencySinceLastCall();
    String line = String.format("[%4ds] sent %6d  answered %6d  %s  alerts %d  p50 %s p99 %s",
        (System.currentTimeMillis() - start) / 1000, traffic.sent() + gateway.sent(), monitor.responses(), statuses(monitor.byStatus()),
        monitor.alerts().size(), ms(h, 50), ms(h, 99));
    if (tty) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
    out.flush();
  }

  private void printSummary(DemoTraffic traffic, DemoMonitor monitor, DemoGatewayClient gateway, long startedNanos) {
    Histogram all = monitor.totalLatency();
    Histogram viaGateway = gateway.totalLatency();
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    out.println("== Summary ==");
    out.printf("requests sent     %d to Kafka, %d through the gateway%n", traffic.sent(), gateway.sent());
    out.printf("gateway           %d round trips over HTTPS  %s  p50 %s p99 %s (client to client)%n",
        gateway.answered(), statuses(gateway.byStatus()), ms(viaGateway, 50), ms(viaGateway, 99));
    out.printf("responses         %d  %s%n", monitor.responses(), statuses(monitor.byStatus()));
    out.printf("audit decisions   %s%n", monitor.byDecision());
    out.printf("records per topic %s%n", monitor.byTopic());
    out.printf("alerts            %d%n", monitor.alerts().size());
    monitor.alerts().stream().limit(5).forEach(a -> out.println("  - " + a));
    out.printf("throughput        %.0f responses/s over %.0f s%n", monitor.responses() / seconds, seconds);
    out.printf("latency           p50 %s  p90 %s  p99 %s  max %s (produce to response)%n",
        ms(all, 50), ms(all, 90), ms(all, 99), all.getTotalCount() == 0 ? "-" : String.format("%.1f ms", all.getMaxValue() / 1000.0));
  }

  private void printHowToUse(String bootstrap, TopicNames names, Gateway gateway, Path certificatePem) {
    out.println("Where to look (while the demo runs):");
    out.println("  topics: " + String.join(", ", List.of(names.requests(), names.workerRequests(), names.workerResponses(),
        names.responses(), names.audit(), names.alerts(), names.dlq(), names.keys())));
    out.println("  with Kafka's CLI tools, watch the audit trail:");
    out.println("    kafka-console-consumer.sh --bootstrap-server " + bootstrap + " --topic " + names.audit()
        + " --from-beginning --isolation-level read_committed");
    out.println("  and send your own request (key, headers and value separated by tabs):");
    out.println("    printf 'authorization:Bearer %s\\tmy-1\\t{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\\n' \"$GUARDSTREAM_DEMO_KEY\" | \\");
    out.println("      kafka-console-producer.sh --bootstrap-server " + bootstrap + " --topic " + names.requests()
        + " --property parse.key=true --property parse.headers=true");
    out.println("  or call the gateway as an OpenAI client would (the SDKs: base URL " + gateway.baseUri() + "):");
    out.println("    curl --cacert " + certificatePem + " " + gateway.baseUri() + "/chat/completions \\");
    out.println("      -H \"Authorization: Bearer $GUARDSTREAM_DEMO_KEY\" -H 'Content-Type: application/json' \\");
    out.println("      -d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
    out.println("  stop with Ctrl-C" + (durationSeconds == null ? "" : " (or wait " + durationSeconds + " s)"));
  }

  private static String statuses(Map<Integer, Long> byStatus) {
    StringBuilder s = new StringBuilder();
    byStatus.forEach((status, count) -> s.append(s.length() == 0 ? "" : " ").append(status).append(':').append(count));
    return "[" + s + "]";
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "-" : String.format("%.1fms", h.getValueAtPercentile(percentile) / 1000.0);
  }

}
