package io.guardstream.bench;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.KeyUsage;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.ratelimit.RateLimitProcessor;
import io.guardstream.ratelimit.SlidingWindowLimiter;
import io.guardstream.serde.JsonSerde;
import io.guardstream.topology.Admitted;
import io.guardstream.topology.GuardstreamTopology;
import io.guardstream.topology.Verdict;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One request through the real {@link RateLimitProcessor} on the real RocksDB window store the
 * topology declares (same name, retention, window size and serdes): fetch the principal's one-second
 * buckets of the last minute, decide with {@link SlidingWindowLimiter}, write the bucket's new count,
 * count the key's use in the key-usage store and forward the worker request. No stream thread exists here, so the store runs without its record
 * cache and changelog: every fetch and put reaches RocksDB, an upper bound on the stage's store cost.
 *
 * <p>256 principals in turn, the clock advancing 1 ms per request: each principal sends about four
 * requests a second, so a fetch walks up to 60 buckets, and old segments expire as in production.
 * Every request is within its limit (the common case).
 */
public class RateLimitStoreBenchmark extends SuiteSettings {

  private static final int PRINCIPALS = 256;
  private static final int LIMIT = 1_000_000;

  private final List<FixedKeyRecord<String, Admitted>> requests = new ArrayList<>(PRINCIPALS);
  private final RateLimitProcessor processor = new RateLimitProcessor(GuardstreamTopology.RATE_LIMIT_STORE,
      GuardstreamTopology.KEY_USAGE_STORE, 60);
  private Path stateDir;
  private WindowStore<String, Long> counts;
  private KeyValueStore<String, KeyUsage> usage;
  private Verdict<?> lastForwarded;
  private long now = 1_790_000_000_000L;
  private int next;

  @Setup
  public void setUp() throws IOException {
    stateDir = Files.createTempDirectory("guardstream-bench-ratelimit");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "guardstream-bench");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    var mock = new MockProcessorContext<String, Verdict<WorkerRequest>>(props, new TaskId(0, 0), stateDir.toFile());
    counts = Stores.windowStoreBuilder(
            Stores.persistentWindowStore(GuardstreamTopology.RATE_LIMIT_STORE,
                Duration.ofMillis(SlidingWindowLimiter.WINDOW_MS * 2),
                Duration.ofMillis(SlidingWindowLimiter.BUCKET_MS), false),
            Serdes.String(), Serdes.Long())
        .withCachingDisabled()
        .withLoggingDisabled()
        .build();
    counts.init(mock.getStateStoreContext(), counts);
    mock.addStateStore(counts);
    usage = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GuardstreamTopology.KEY_USAGE_STORE),
            Serdes.String(), JsonSerde.of(KeyUsage.class))
        .withCachingDisabled()
        .withLoggingDisabled()
        .build();
    usage.init(mock.getStateStoreContext(), usage);
    mock.addStateStore(usage);
    processor.init(fixedKeyContext(mock));
    for (int i = 0; i < PRINCIPALS; i++) {
      String principal = "bench-principal-" + i;
      var request = new ChatRequest("req-" + i, "gpt-4o-mini", List.of(new ChatMessage("user", "Summarise the report.")),
          64, null, null, null, null);
      var context = new RequestContext(principal, "bench", "keyid" + i, "10.1.0." + i, now, 0L, null, null, "v1",
          List.of("pii@1", "injection@3"));
      requests.add(InternalFixedKeyRecordFactory.create(
          new Record<>(principal, new Admitted("req-" + i, request, context, LIMIT), now)));
    }
    // a whole window first, so that measured fetches walk full minutes
    for (int i = 0; i < SlidingWindowLimiter.WINDOW_MS; i++) {
      update();
    }
    Benchmarks.require(update() instanceof Verdict.Pass<?>, "a request within its limit must pass");
  }

  /**
   * The processor's context: forwards are kept (the last one is returned), everything else is
   * answered by Kafka's own mock, which has no fixed-key variant.
   */
  @SuppressWarnings("unchecked")
  private FixedKeyProcessorContext<String, Verdict<WorkerRequest>> fixedKeyContext(MockProcessorContext<?, ?> mock) {
    return (FixedKeyProcessorContext<String, Verdict<WorkerRequest>>) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {FixedKeyProcessorContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("forward")) {
            lastForwarded = (Verdict<?>) ((FixedKeyRecord<?, ?>) args[0]).value();
            return null;
          }
          try {
            return method.invoke(mock, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @TearDown
  public void tearDown() throws IOException {
    counts.close();
    usage.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public Verdict<?> update() {
    processor.process(requests.get(next++ & (PRINCIPALS - 1)).withTimestamp(now++));
    return lastForwarded;
  }
}
