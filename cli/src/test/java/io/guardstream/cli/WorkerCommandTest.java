package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code worker} checks every option before it connects anywhere, and says what is wrong in one line. */
class WorkerCommandTest {

  @Test
  void shouldExitWithTheOptionAtFaultWhenTheOpenAiProviderIsMisconfigured() {
    assertThat(run("worker", "--provider", "openai")).isEqualTo("guardstream: --base-url: required with --provider openai");
    assertThat(run("worker", "--provider", "openai", "--base-url", "ftp://models.example.com/v1"))
        .startsWith("guardstream: --base-url: scheme must be http or https");
    assertThat(run("worker", "--provider", "openai", "--base-url", "http://127.0.0.1:1/v1", "--model-map", "gpt-4o"))
        .startsWith("guardstream: --model-map: expected REQUESTED=PROVIDER");
    assertThat(run("worker", "--provider", "openai", "--base-url", "http://127.0.0.1:1/v1", "--max-attempts", "0"))
        .startsWith("guardstream: --max-attempts: must be at least 1");
    assertThat(run("worker", "--provider", "claude")).startsWith("guardstream: --provider: unknown provider 'claude'");
    assertThat(run("worker", "--concurrency", "0")).startsWith("guardstream: --concurrency: must be at least 1");
  }

  @Test
  void shouldNameTheReferenceNotAValueWhenTheApiKeyCannotBeResolved() {
    assertThat(run("worker", "--provider", "openai", "--base-url", "https://api.openai.com/v1", "--api-key", "env:GUARDSTREAM_TEST_UNSET_KEY"))
        .isEqualTo("guardstream: --api-key: environment variable GUARDSTREAM_TEST_UNSET_KEY is not set");
    assertThat(run("worker", "--provider", "openai", "--base-url", "https://api.openai.com/v1", "--api-key", "sk-live-abc123"))
        .startsWith("guardstream: --api-key: a secret must be a reference").doesNotContain("sk-live-abc123");
  }

  /** The first line on stderr, after checking that the exit code is 2 (bad input). */
  private static String run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.execute(args)).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }
}
