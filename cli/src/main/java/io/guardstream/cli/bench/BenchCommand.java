package io.guardstream.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.auth.KeyHasher;
import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.cli.TempDirs;
import io.guardstream.cli.demo.DemoIssuer;
import io.guardstream.config.ConfigLoader;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.TopicNames;
import io.guardstream.serde.Json;
import io.guardstream.topology.Detectors;
import io.guardstream.topology.GuardstreamTopology;
import io.guardstream.topology.StandardDetectors;
import io.guardstream.topology.StreamsSettings;
import io.guardstream.worker.EchoWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: on one embedded broker and one pre-loaded input, in one process run, the identity
 * topology (Kafka's ceiling), the plumbing topology (the pipeline's hops, no work) and the full
 * pipeline, with the same processing guarantee, threads and commit interval; then the pipeline's
 * end-to-end latency at half its measured rate.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the pipeline against Kafka's own ceiling on an embedded broker.",
      "Measures throughput (steady state), CPU per 1,000 requests, peak heap and end-to-end latency of",
      "the pipeline against Kafka's own ceiling (identity) and the pipeline's shape (plumbing),",
      "on an embedded broker in this process. Figures are for this machine, in one run."
    })
public final class BenchCommand implements Callable<Integer> {

  private static final String INPUT = "bench.requests";
  private static final String WARM_UP = "warm-up.";

  @Option(names = "--records", description = "pre-loaded requests per phase (default: 20000, --quick: 5000)")
  Integer records;

  @Option(names = "--payload-bytes", defaultValue = "1024", description = "request size in bytes (default: ${DEFAULT-VALUE})")
  int payloadBytes;

  @Option(names = "--json", description = "print one JSON object instead of the table")
  boolean json;

  @Option(names = "--quick", description = "a shorter run (under a minute)")
  boolean quick;

  @Option(names = "--warm-up-records", description = "unmeasured requests per phase first, for the JIT compiler "
      + "(default: as many as --records; 0: none)")
  Integer warmUpRecords;

  @Option(names = "--latency-rps", description = "rate of the latency measurement (default: half the pipeline's measured rate)")
  Integer latencyRps;

  @Option(names = "--commit-interval-ms", description = "commit.interval.ms of every phase (default: the configuration's, 100)")
  Integer commitIntervalMs;

  @Option(names = "--processing-guarantee", description = "processing.guarantee of every phase: exactly_once_v2 "
      + "(default) or at_least_once")
  String processingGuarantee;

  /** Loaded once for both rounds, as a service loads them once: a reload would deoptimise warm code. */
  private Detectors detectors;

  @Override
  public Integer call() throws Exception {
    int n = records != null ? records : quick ? 5_000 : 20_000;
    if (n < 1_000 || n > 5_000_000) {
      throw new IllegalArgumentException("--records must be between 1000 and 5000000");
    }
    if (payloadBytes < 200 || payloadBytes > 200_000) {
      throw new IllegalArgumentException("--payload-bytes must be between 200 and 200000");
    }
    int w = warmUpRecords != null ? warmUpRecords : n;
    if (w < 0 || w > 5_000_000) {
      throw new IllegalArgumentException("--warm-up-records must be between 0 and 5000000");
    }
    if (processingGuarantee != null && !List.of("exactly_once_v2", "at_least_once").contains(processingGuarantee)) {
      throw new IllegalArgumentException("--processing-guarantee must be exactly_once_v2 or at_least_once");
    }
    Configurator.setLevel("org.apache.kafka", Level.ERROR);
    Configurator.setLevel("kafka", Level.ERROR);
    Configurator.setLevel("io.guardstream", Level.WARN);
    if (tieredCompilation()) {
      log("tiered compilation is on: the JIT compiler may still be at work in the measured phases "
          + "(./guardstream bench runs with -XX:-TieredCompilation; see README \"Performance\")");
    }
    detectors = StandardDetectors.load();
    Path work = Files.createTempDirectory("guardstream-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      String bootstrap = kafka.bootstrapServers();
      var issuer = new DemoIssuer(work);
      Round warm = round(kafka, WARM_UP, work, issuer);
      Round measured = round(kafka, "", work, issuer);
      var workload = new BenchWorkload(issuer, KeyHasher.of(measured.config().auth().apiKeyPepper()), payloadBytes);
      log("pre-loading " + w + " + " + n + " requests of " + payloadBytes + " bytes...");
      for (Round r : List.of(warm, measured)) {
        workload.registerKeys(bootstrap, r.pipeline().keys());
      }
      if (w > 0) {
        workload.produce(bootstrap, warm.input(), "w-", w);
      }
      workload.produce(bootstrap, measured.input(), "b-", n);
      Duration timeout = Duration.ofSeconds(quick ? 60 : 240);
      if (w > 0) {
        // the same three phases over their own input first, unmeasured: the JIT compiler works once,
        // at start, in a service, and would otherwise take a good part of the measured phases' CPU
        log("warm-up (" + w + " requests per phase)...");
        identity(warm, bootstrap, w, timeout);
        plumbing(warm, bootstrap, w, timeout);
        pipeline(warm, bootstrap, w, timeout, null);
      }
      awaitJitQuiet();
      log("identity...");
      var identity = identity(measured, bootstrap, n, timeout);
      awaitJitQuiet();
      log("plumbing...");
      var plumbing = plumbing(measured, bootstrap, n, timeout);
      awaitJitQuiet();
      log("pipeline...");
      Histogram latency = new Histogram(3);
      var pipeline = pipeline(measured, bootstrap, n, timeout,
          (meter, throughput) -> measureLatency(meter, throughput.rps(), workload, bootstrap, measured.input(), latency));
      double hops = writesPerRequest(bootstrap, measured.pipeline(), measured.config().applicationId(),
          n + latency.getTotalCount());
      print(n, identity, plumbing, pipeline, latency, hops, directoryMb(work.resolve("state")));
    } finally {
      TempDirs.deleteQuietly(work);
    }
    return 0;
  }

  /** One set of topics for the three phases: the warm-up's, or the measured one's. */
  private record Round(String prefix, String input, TopicNames plumbing, TopicNames pipeline, GuardstreamConfig config) {}

  private Round round(EmbeddedKafka kafka, String prefix, Path work, DemoIssuer issuer) {
    String input = prefix + INPUT;
    TopicNames plumbingTopics = prefixed(prefix + "bench.plumbing.", input);
    TopicNames pipelineTopics = prefixed(prefix + "bench.pipeline.", input);
    kafka.createTopics(Map.of(input, 3, prefix + "bench.identity.out", 3));
    for (TopicNames t : List.of(plumbingTopics, pipelineTopics)) {
      kafka.createTopics(Map.of(t.workerRequests(), 3, t.workerResponses(), 3, t.responses(), 3, t.audit(), 3,
          t.alerts(), 1, t.dlq(), 1));
    }
    kafka.createCompactedTopic(pipelineTopics.keys(), 1);
    GuardstreamConfig config = config(kafka.bootstrapServers(), prefix + "bench-pipeline", pipelineTopics, issuer, work);
    return new Round(prefix, input, plumbingTopics, pipelineTopics, config);
  }

  private PhaseMeter.Result identity(Round r, String bootstrap, int n, Duration timeout) throws Exception {
    String out = r.prefix() + "bench.identity.out";
    return runPhase(r.prefix() + "identity", PlumbingTopology.identity(r.input(), out), settings(r.config(), r.prefix() + "bench-identity"),
        bootstrap, out, null, n, timeout, null);
  }

  private PhaseMeter.Result plumbing(Round r, String bootstrap, int n, Duration timeout) throws Exception {
    return runPhase(r.prefix() + "plumbing", PlumbingTopology.plumbing(r.plumbing()), settings(r.config(), r.prefix() + "bench-plumbing"),
        bootstrap, r.plumbing().responses(), r.plumbing(), n, timeout, null);
  }

  private PhaseMeter.Result pipeline(Round r, String bootstrap, int n, Duration timeout, AfterThroughput after)
      throws Exception {
    Properties props = settings(r.config(), r.config().applicationId());
    Topology topology = GuardstreamTopology.build(r.config(), detectors, props);
    return runPhase(r.prefix() + "pipeline", topology, props, bootstrap, r.pipeline().responses(), r.pipeline(), n, timeout, after);
  }

  private interface AfterThroughput {
    void run(PhaseMeter meter, PhaseMeter.Result throughput) throws Exception;
  }

  private PhaseMeter.Result runPhase(String name, Topology topology, Properties props, String bootstrap, String output,
      TopicNames workerTopics, int n, Duration timeout, AfterThroughput after) throws Exception {
    EchoWorker worker = workerTopics == null ? null
        : new EchoWorker(bootstrap, workerTopics.workerRequests(), workerTopics.workerResponses(), name + "-echo-worker").start();
    var streams = new KafkaStreams(topology, props);
    try (var meter = new PhaseMeter(bootstrap, output)) {
      streams.start();
      PhaseMeter.Result result = meter.awaitThroughput(name, n, timeout);
      if (after != null) {
        after.run(meter, result);
      }
      return result;
    } finally {
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
      if (worker != null) {
        worker.close();
      }
    }
  }

  /**
   * Waits (at most 30 s; not with {@code --quick}, which must end within a minute and is no steady
   * state anyway) until the JIT compiler has worked off its queue: on
   * two cores its queue of hot methods (broker, clients, Streams and the pipeline all share this JVM)
   * outlasts the warm-up, and a compiler busy in a measured phase took up to half of that phase's CPU.
   * A service that runs for hours has long finished compiling; this is what makes the phases a steady
   * state.
   */
  private void awaitJitQuiet() throws InterruptedException {
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    if (quick || jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long start = System.nanoTime();
    long limit = 30_000_000_000L;
    long last = jit.getTotalCompilationTime();
    int quietSeconds = 0;
    while (quietSeconds < 2 && System.nanoTime() - start < limit) {
      Thread.sleep(1000);
      long now = jit.getTotalCompilationTime();
      quietSeconds = now - last < 20 ? quietSeconds + 1 : 0; // under 2 % of a second compiling
      last = now;
    }
    log(String.format("JIT compiler quiet after %.0f s", (System.nanoTime() - start) / 1e9));
  }

  /** Whether this JVM compiles in tiers (C1, then C2): the launcher turns it off for {@code bench}. */
  private static boolean tieredCompilation() {
    var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
    return hotspot == null || !"false".equals(hotspot.getVMOption("TieredCompilation").getValue());
  }

  /** Paced traffic at half the measured rate; records produce-to-response latency of each request. */
  private void measureLatency(PhaseMeter meter, double maxRps, BenchWorkload workload, String bootstrap, String input,
      Histogram into)
      throws Exception {
    int seconds = quick ? 5 : 15;
    int rate = latencyRps != null ? latencyRps : Math.max(20, (int) (maxRps / 2));
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    log("latency at " + rate + " requests/s for " + seconds + " s...");
    try (var producer = new KafkaProducer<>(BenchWorkload.props(bootstrap, 1), new StringSerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long total = (long) rate * seconds;
      long sent = 0;
      while (sent < total) {
        long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
        for (; sent < due; sent++) {
          workload.send(producer, input, "lat-" + sent, sentAt);
        }
        // wait for the next millisecond in the meter's poll: a spin here would take a core from the
        // pipeline on a small machine (it did: p50 was seconds, a backlog, not the pipeline's latency)
        meter.pollLatencies(sentAt, into, Duration.ofMillis(1));
      }
      producer.flush();
    }
    meter.awaitLatencies(sentAt, into, Duration.ofSeconds(30));
  }

  private void print(int n, PhaseMeter.Result identity, PhaseMeter.Result plumbing, PhaseMeter.Result pipeline,
      Histogram latency, double hops, double stateMb) {
    long rss = PhaseMeter.peakRssMb();
    if (json) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("records", n).put("payload_bytes", payloadBytes);
      o.put("identity_rps", round(identity.rps())).put("plumbing_rps", round(plumbing.rps()))
          .put("pipeline_rps", round(pipeline.rps()));
      o.put("ratio", round3(pipeline.rps() / identity.rps())).put("processing_ratio", round3(pipeline.rps() / plumbing.rps()));
      o.put("hops", round3(hops));
      o.put("p50_ms", ms(latency, 50)).put("p99_ms", ms(latency, 99)).put("p999_ms", ms(latency, 99.9));
      o.put("latency_samples", latency.getTotalCount());
      o.put("cpu_ms_per_1k", round(pipeline.cpuMsPer1k()));
      o.put("identity_cpu_ms_per_1k", round(identity.cpuMsPer1k())).put("plumbing_cpu_ms_per_1k", round(plumbing.cpuMsPer1k()));
      o.put("stream_cpu_ms_per_1k", round(pipeline.streamCpuMsPer1k()))
          .put("identity_stream_cpu_ms_per_1k", round(identity.streamCpuMsPer1k()))
          .put("plumbing_stream_cpu_ms_per_1k", round(plumbing.streamCpuMsPer1k()));
      o.put("jit_cpu_ms_per_1k", round(pipeline.groupCpuMsPer1k("JIT"))).put("gc_cpu_ms_per_1k", round(pipeline.groupCpuMsPer1k("GC")));
      o.put("peak_heap_mb", pipeline.peakHeapMb()).put("live_heap_mb", pipeline.liveHeapMb()).put("peak_rss_mb", rss).put("state_dir_mb", round3(stateMb));
      o.put("tiered_compilation", tieredCompilation());
      o.put("processing_guarantee", processingGuarantee == null ? "exactly_once_v2" : processingGuarantee);
      System.out.println(Json.toString(o));
      return;
    }
    System.out.printf("%n%-10s %12s %16s %23s %14s %14s%n", "phase", "records/s", "CPU ms per 1k",
        "stream thread ms per 1k", "peak heap MB", "live heap MB");
    for (PhaseMeter.Result r : List.of(identity, plumbing, pipeline)) {
      System.out.printf("%-10s %12.0f %16.1f %23.1f %14d %14d%n", r.name(), r.rps(), r.cpuMsPer1k(), r.streamCpuMsPer1k(),
          r.peakHeapMb(), r.liveHeapMb());
    }
    System.out.printf("%nratio (pipeline / identity)            %.3f%n", pipeline.rps() / identity.rps());
    System.out.printf("processing_ratio (pipeline / plumbing) %.3f%n", pipeline.rps() / plumbing.rps());
    System.out.printf("topic writes per request (pipeline)    %.2f%n", hops);
    System.out.printf("JIT compiler / GC CPU ms per 1k (pipeline) %.1f / %.1f (by thread group on stderr)%n",
        pipeline.groupCpuMsPer1k("JIT"), pipeline.groupCpuMsPer1k("GC"));
    System.out.printf("latency at half the pipeline's rate    p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  (%d requests)%n",
        ms(latency, 50), ms(latency, 99), ms(latency, 99.9), latency.getTotalCount());
    System.out.printf("peak RSS of the process (broker included) %d MB; Streams state on disk at the end %.1f MB; "
        + "%d records of %d bytes per phase%n", rss, stateMb, n, payloadBytes);
  }

  /** Bytes under {@code dir} in MB: every phase's RocksDB stores and checkpoints, to show they stay bounded. */
  private static double directoryMb(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / (1024.0 * 1024.0);
    }
  }

  /** Records written to the pipeline's topics (outputs, worker topics, internal topics) per request. */
  private static double writesPerRequest(String bootstrap, TopicNames topics, String applicationId, long requests) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long total = 0;
    try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (String topic : consumer.listTopics().keySet()) {
        boolean ours = topic.startsWith(applicationId + "-")
            || (topic.startsWith("bench.pipeline.") && !topic.equals(topics.keys()));
        if (!ours) {
          continue;
        }
        List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        var end = consumer.endOffsets(tps);
        long deadline = System.currentTimeMillis() + 60_000;
        long inTopic = 0;
        while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
          inTopic += consumer.poll(Duration.ofMillis(100)).count();
        }
        total += inTopic;
        System.err.printf("bench: %.3f writes per request to %s%n", inTopic / (double) requests, topic);
      }
    }
    return total / (double) requests;
  }

  private static Properties settings(GuardstreamConfig config, String applicationId) {
    Properties p = StreamsSettings.of(config);
    p.put("application.id", applicationId);
    return p;
  }

  private GuardstreamConfig config(String bootstrap, String applicationId, TopicNames t, DemoIssuer issuer, Path work) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("application.id", applicationId);
    if (commitIntervalMs != null) {
      p.setProperty("commit.interval.ms", commitIntervalMs.toString());
    }
    if (processingGuarantee != null) {
      p.setProperty("processing.guarantee", processingGuarantee);
    }
    p.setProperty("state.dir", work.resolve("state").toString());
    p.putAll(t.toProperties());
    p.setProperty("auth.jwt.jwks.file", issuer.jwksFile().toString());
    p.setProperty("auth.jwt.issuer", DemoIssuer.ISSUER);
    p.setProperty("auth.jwt.audience", DemoIssuer.AUDIENCE);
    p.setProperty("ratelimit.default.requests.per.minute", "10000000");
    p.setProperty("auth.default.models", "*");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("GUARDSTREAM_DLQ_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.putIfAbsent("GUARDSTREAM_PSEUDONYM_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.putIfAbsent("GUARDSTREAM_KEY_PEPPER", Base64.getEncoder().encodeToString(new byte[32]));
    return ConfigLoader.load(p, env);
  }

  /** A topic set of its own per phase, all reading the one pre-loaded input. */
  private static TopicNames prefixed(String prefix, String input) {
    return TopicNames.DEFAULTS.withPrefix(prefix).withRequests(input);
  }

  private void log(String message) {
    System.err.println("bench: " + message);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? -1 : round3(h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

}
