package io.guardstream.bench;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.Quota;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.ratelimit.LimitPolicy;
import io.guardstream.ratelimit.PriceTable;
import io.guardstream.ratelimit.RateLimitProcessor;
import io.guardstream.ratelimit.SlidingWindowLimiter;
import io.guardstream.ratelimit.TokenEstimator;
import io.guardstream.topology.Admitted;
import io.guardstream.topology.GuardstreamTopology;
import io.guardstream.topology.Verdict;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One request through the real {@link RateLimitProcessor} on the real RocksDB stores the topology
 * declares ({@link GuardstreamTopology#limitStores()}): fetch the principal's one-second buckets of
 * the last minute, decide with {@link SlidingWindowLimiter}, write the bucket's new count, count the
 * key's use in the key-usage store and forward the worker request. With {@code limits=tokens-and-budgets}
 * the principal also has tokens-per-minute, tokens-per-day and spend limits, so each request is
 * tokenized (jtokkit) and reserves in the token window and the day and month budgets too. No stream
 * thread exists here, so the stores run without their record cache and changelog: every fetch and
 * put reaches RocksDB, an upper bound on the stage's store cost.
 *
 * <p>256 principals in turn, the clock advancing 1 ms per request: each principal sends about four
 * requests a second, so a fetch walks up to 60 buckets, and old segments expire as in production.
 * Every request is within its limits (the common case).
 */
public class RateLimitStoreBenchmark extends SuiteSettings {

  private static final int PRINCIPALS = 256;
  private static final int LIMIT = 1_000_000;
  private static final Quota BUDGETS =
      new Quota(1_000_000_000L, 1_000_000_000L, new BigDecimal("1000000"), new BigDecimal("1000000"));

  @Param({"requests", "tokens-and-budgets"})
  public String limits;

  /** Principals taking turns (a power of two); {@link RateLimitStateSize} sets it higher. */
  int principals = PRINCIPALS;

  private final List<FixedKeyRecord<String, Admitted>> requests = new ArrayList<>();
  private final List<StateStore> stores = new ArrayList<>();
  private RateLimitProcessor processor;
  private Path stateDir;
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
    for (StoreBuilder<?> builder : GuardstreamTopology.limitStores()) {
      StateStore store = builder.withCachingDisabled().withLoggingDisabled().build();
      store.init(mock.getStateStoreContext(), store);
      mock.addStateStore(store);
      stores.add(store);
    }
    var prices = new PriceTable(Map.of("gpt-4o-mini",
        PriceTable.Price.perMillion(new BigDecimal("0.15"), new BigDecimal("0.60"))), null);
    var policy = new LimitPolicy(60, Quota.NONE, Map.of(), prices, 4096, 5_000, false);
    processor = new RateLimitProcessor(GuardstreamTopology.LIMIT_STORES, () -> policy, new TokenEstimator());
    processor.init(fixedKeyContext(mock));
    Quota quota = limits.equals("requests") ? null : BUDGETS;
    for (int i = 0; i < principals; i++) {
      String principal = "bench-principal-" + i;
      var request = new ChatRequest("req-" + i, "gpt-4o-mini", List.of(new ChatMessage("user", Prose.text(1024, Prose.Mix.CLEAN, i))),
          64, null, null, null, null);
      var context = new RequestContext(principal, "bench", "keyid" + i, "10.1.0." + i, now, 0L, null, null, "v1",
          List.of("pii@3", "injection@3"));
      requests.add(InternalFixedKeyRecordFactory.create(
          new Record<>(principal, new Admitted("req-" + i, request, context, LIMIT, quota), now)));
    }
    // a whole window first, so that measured fetches walk full minutes
    for (int i = 0; i < Math.max(SlidingWindowLimiter.WINDOW_MS, principals); i++) {
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
          if (method.getName().equals("currentSystemTimeMs")) {
            return now; // the wall clock keeps pace with the records, as in production
          }
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

  /** Closes every store (writing its memtables out) and returns the state directory's size in bytes. */
  long closeAndMeasure() throws IOException {
    stores.forEach(StateStore::close);
    return RateLimitStateSize.sizeOf(stateDir);
  }

  @TearDown
  public void tearDown() throws IOException {
    stores.forEach(StateStore::close);
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public Verdict<?> update() {
    processor.process(requests.get(next++ % principals).withTimestamp(now++));
    return lastForwarded;
  }
}
