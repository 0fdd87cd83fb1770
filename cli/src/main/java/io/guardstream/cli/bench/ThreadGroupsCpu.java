package io.guardstream.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a phase by thread group (stream threads, the broker's, the clients', the worker's, and what
 * no Java thread accounts for: GC, JIT compilers, RocksDB's own threads), printed to stderr: where the
 * process's CPU per request goes besides the stream threads.
 */
final class ThreadGroupsCpu {

  /** The group of the stream threads proper (not their producers' or consumers' network threads). */
  static final String STREAM_THREADS = "stream threads";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadGroupsCpu() {}

  /** CPU time so far of every live Java thread (by id) and of the JVM's and RocksDB's own threads (by group). */
  record Snapshot(Map<Long, Long> javaThreads, Map<String, Long> nativeGroups) {}

  static Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return new Snapshot(cpu, nativeGroups());
  }

  /**
   * CPU nanoseconds so far of the threads no {@link ThreadMXBean} lists, by group, from
   * {@code /proc/self/task} (Linux; empty elsewhere). Clock ticks are taken as 10 ms, Linux's default.
   */
  private static Map<String, Long> nativeGroups() {
    Map<String, Long> groups = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String group = nativeGroup(stat.substring(open + 1, close));
        if (group == null) {
          continue;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        // fields after the name: state is [0], utime [11], stime [12]
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        groups.merge(group, ticks * 10_000_000L, Long::sum);
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return groups;
  }

  private static String nativeGroup(String comm) {
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
      return "GC";
    }
    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
      return "JIT";
    }
    if (comm.startsWith("rocksdb")) {
      return "RocksDB background";
    }
    if (comm.startsWith("VM Thread")) {
      return "VM thread";
    }
    return null;
  }

  /**
   * CPU ms per 1,000 requests by group since {@code start}, printed to stderr; a Java thread that ended in
   * between is missing (its time falls under "other threads").
   */
  static Map<String, Double> report(String phase, Snapshot start, long processCpuNanos, long requests) {
    Map<String, Long> nanos = new TreeMap<>();
    long javaThreads = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      long now = info == null ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
      if (now < 0) {
        continue;
      }
      long spent = now - start.javaThreads().getOrDefault(info.getThreadId(), 0L);
      javaThreads += spent;
      nanos.merge(group(info.getThreadName()), spent, Long::sum);
    }
    long other = processCpuNanos - javaThreads;
    for (var e : nativeGroups().entrySet()) {
      long spent = e.getValue() - start.nativeGroups().getOrDefault(e.getKey(), 0L);
      nanos.put(e.getKey(), spent);
      other -= spent;
    }
    nanos.put("other threads", Math.max(0, other));
    Map<String, Double> msPer1k = new TreeMap<>();
    nanos.forEach((group, ns) -> msPer1k.put(group, ns / 1e6 / (requests / 1000.0)));
    StringBuilder line = new StringBuilder("bench: ").append(phase).append(" CPU ms per 1k requests by thread group:");
    msPer1k.entrySet().stream()
        .filter(e -> e.getValue() >= 0.5)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> line.append(String.format(" %s %.0f;", e.getKey(), e.getValue())));
    System.err.println(line);
    return msPer1k;
  }

  /** A thread's group, from the names Kafka, Streams and this bench give their threads. */
  static String group(String name) {
    if (name.contains("-StreamThread-")) {
      return name.contains("producer") ? "stream producers" : name.contains("consumer") ? "stream consumers" : STREAM_THREADS;
    }
    return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*")
        .replaceAll("[0-9]+", "N");
  }
}
