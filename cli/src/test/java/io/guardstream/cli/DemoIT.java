package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./guardstream demo --duration N}: starts everything in-process, shows the summary, exits 0. */
class DemoIT {

  @Test
  void shouldRunTheDemoEndToEndAndExitZeroAfterTheSummary() {
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.execute("demo", "--duration", "15", "--rate", "40", "--gateway-port", "0");
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.println(output);
    assertThat(exit).isZero();
    assertThat(output).contains("== Summary ==", "demo stopped cleanly.", "kafka-console-producer.sh");
    // every kind of decision the demo drives shows up in the summary
    assertThat(output).containsPattern("responses +\\d+ +\\[.*200:\\d+.*400:\\d+.*401:\\d+.*403:\\d+.*429:\\d+");
    assertThat(output).containsPattern("alerts +[1-9]");
    // part of the traffic made HTTPS round trips through the gateway, and the user is told how to make one
    assertThat(output).containsPattern("gateway ready at https://127\\.0\\.0\\.1:\\d+/v1 .*SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(output).containsPattern("gateway +[1-9]\\d* round trips over HTTPS +\\[.*200:[1-9]");
    assertThat(output).contains("curl --cacert ");
    // the demo key is printed exactly once
    String line = output.lines().filter(l -> l.contains("Demo API key, shown once:")).findFirst().orElseThrow();
    String key = line.substring(line.lastIndexOf('=') + 1);
    assertThat(key).startsWith("gstk_");
    assertThat(output.split(key, -1).length - 1).as("times the demo key is printed").isEqualTo(1);
  }
}
