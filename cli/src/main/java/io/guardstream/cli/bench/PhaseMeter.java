package io.guardstream.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches one benchmark phase: counts committed output records, takes the steady-state rate between
 * 10 % and 90 % of the expected output (so start-up and the tail do not count), CPU time of the
 * process, peak heap (sampled) and end-to-end latencies of the requests it is told about.
 */
final class PhaseMeter implements AutoCloseable {

  /** One phase's figures. */
  record Result(String name, long records, double rps, double cpuMsPer1k, double streamCpuMsPer1k, long peakHeapMb,
      long liveHeapMb, Histogram latencyMicros, Map<String, Double> cpuByThreadGroup) {

    /** CPU ms per 1,000 requests of one thread group ("JIT", "GC", ...; see {@link ThreadGroupsCpu}). */
    double groupCpuMsPer1k(String group) {
      return cpuByThreadGroup.getOrDefault(group, 0.0);
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakLiveHeap = new AtomicLong();
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
  private final AtomicBoolean sampling = new AtomicBoolean(true);
  private final Thread sampler;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long count;

  PhaseMeter(String bootstrap, String outputTopic) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-meter-" + outputTopic + "-" + System.nanoTime());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(outputTopic));
    sampler = new Thread(() -> {
      while (sampling.get()) {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        peakLiveHeap.accumulateAndGet(liveHeap(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /**
   * Reads output until {@code expected} records arrived (or the timeout) and returns the rate figures,
   * among them the stream threads' CPU time: the per-record path alone, without the broker, the worker
   * or the JIT compiler.
   */
  Result awaitThroughput(String name, int expected, Duration timeout) {
    ThreadGroupsCpu.Snapshot threadCpu0 = ThreadGroupsCpu.snapshot();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long t10 = -1;
    long c10 = 0;
    long t90 = -1;
    long c90 = 0;
    while (count < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + ": only " + count + " of " + expected + " outputs within " + timeout.toSeconds() + " s");
      }
      count += consumer.poll(Duration.ofMillis(50)).count();
      if (t10 < 0 && count >= expected / 10) {
        t10 = System.nanoTime();
        c10 = count;
      }
      if (t90 < 0 && count >= expected * 9L / 10) {
        t90 = System.nanoTime();
        c90 = count;
      }
    }
    long end = System.nanoTime();
    // the steady state between 10 % and 90 %; when those fall into a few polls (a short run), the
    // whole phase from start instead, which undercounts rather than overcounts
    double rps = c90 - c10 >= expected / 2 && t90 > t10
        ? (c90 - c10) / ((t90 - t10) / 1e9)
        : count / ((end - start) / 1e9);
    long processCpu = os.getProcessCpuTime() - cpu0;
    double cpuMs = processCpu / 1e6;
    Map<String, Double> byGroup = ThreadGroupsCpu.report(name, threadCpu0, processCpu, expected);
    // only this phase's application runs now, so its stream threads are the group's
    return new Result(name, count, rps, cpuMs / (expected / 1000.0), byGroup.getOrDefault(ThreadGroupsCpu.STREAM_THREADS, 0.0),
        peakHeap.get() >> 20, peakLiveHeap.get() >> 20, new Histogram(3), byGroup);
  }

  /** Records the latency of every output whose key is in {@code sentAt}, until all have arrived. */
  void awaitLatencies(Map<String, Long> sentAt, Histogram into, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
        Long sent = r.key() == null ? null : sentAt.remove(r.key());
        if (sent != null) {
          into.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
        }
      }
    }
  }

  /** Records the latencies of what arrives within {@code wait}. */
  void pollLatencies(Map<String, Long> sentAt, Histogram into, Duration wait) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
      Long sent = r.key() == null ? null : sentAt.remove(r.key());
      if (sent != null) {
        into.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
      }
    }
  }

  /**
   * The heap the last collection left in use, summed over the heap pools: what the process really
   * retains. Used heap alone grows with the young generation until a collection, whatever is live.
   */
  private long liveHeap() {
    long live = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage after = pool.getCollectionUsage();
      live += after == null ? 0 : after.getUsed();
    }
    return live;
  }

  /** Peak resident set size of the whole process (broker included), from /proc. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return -1;
  }

  @Override
  public void close() {
    sampling.set(false);
    consumer.close();
  }
}
