package io.guardstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadGroupsCpuTest {

  @Test
  void aBusyThreadsCpuIsChargedToItsGroupPerThousandRequests() throws Exception {
    ThreadGroupsCpu.Snapshot start = ThreadGroupsCpu.snapshot();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long process0 = os.getProcessCpuTime();
    Thread spinner = new Thread(ThreadGroupsCpuTest::spinFor300MsOfCpu, "spinner-42");
    spinner.start();
    spinner.join();
    // the thread has ended: its CPU time is no longer listed by thread, so keep a second one alive
    Thread alive = new Thread(() -> {
      spinFor300MsOfCpu();
      sleepQuietly();
    }, "spinner-43");
    alive.setDaemon(true);
    alive.start();
    while (ManagementFactory.getThreadMXBean().getThreadCpuTime(alive.getId()) < 300_000_000L) {
      Thread.sleep(10);
    }
    Map<String, Double> msPer1k = ThreadGroupsCpu.report("test", start, os.getProcessCpuTime() - process0, 2_000);

    // 300 ms of CPU over 2,000 requests is 150 ms per 1,000; the ended thread's time is under "other threads",
    // less the rounding of the JVM's own threads' times, which /proc counts in 10 ms ticks
    assertThat(msPer1k.get("spinner-N")).isBetween(145.0, 200.0);
    assertThat(msPer1k.get("other threads")).isGreaterThanOrEqualTo(100.0);
    alive.interrupt();
  }

  @Test
  void threadNamesAreGroupedWithoutTheirNumbersAndIds() {
    assertThat(ThreadGroupsCpu.group("data-plane-kafka-request-handler-3")).isEqualTo("data-plane-kafka-request-handler-N");
    assertThat(ThreadGroupsCpu.group("bench-pipeline-0b7f3c2e-1a2b-4c3d-9e8f-001122334455-StreamThread-1"))
        .isEqualTo("stream threads");
    assertThat(ThreadGroupsCpu.group(
        "kafka-producer-network-thread | bench-pipeline-0b7f3c2e-1a2b-4c3d-9e8f-001122334455-StreamThread-1-producer"))
        .isEqualTo("stream producers");
  }

  private static void spinFor300MsOfCpu() {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long x = 0;
    while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }
    if (x == 42) {
      System.out.println(x); // keeps the loop from being optimised away
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
