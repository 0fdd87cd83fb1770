package io.guardstream.topology;

import static io.guardstream.topology.PipelineFixture.assertValidAndFreeOf;
import static io.guardstream.topology.PipelineFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The configured masking operators, applied by tenant on the way in and on the way out. */
class MaskingPolicyTopologyTest {

  private static final String PROMPT = "Email jane.doe@example.com, card 4111 1111 1111 1111, SSN 536-22-1450.";
  private PipelineFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  private PipelineFixture fixture(java.util.function.Function<WorkerRequest, WorkerResponse> worker) throws IOException {
    Path key = Files.createTempFile("mask-hash-", ".key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
    Properties p = new Properties();
    p.setProperty("inspect.mask.US_SSN", "partial");
    p.setProperty("inspect.mask.CREDIT_CARD", "redact");
    p.setProperty("tenant.tenant-b.inspect.mask.EMAIL_ADDRESS", "hash");
    p.setProperty("inspect.mask.hash.key", "file:" + key);
    p.setProperty("tenant.tenant-c.inspect.mask.default", "encrypt");
    p.setProperty("inspect.mask.encryption.key", "file:" + key);
    return new PipelineFixture(p, worker);
  }

  private String keyOf(String tenant) {
    return f.issueKey("team-" + tenant, new ApiKeyRecord(null, null, "team-" + tenant, tenant, null, null, null, null,
        ApiKeyRecord.ACTIVE, 0L, null, null));
  }

  @Test
  void shouldMaskThePromptWithTheOperatorsOfTheRequestsTenant() throws IOException {
    f = fixture(PipelineFixture::echo);
    String a = keyOf("tenant-a");
    String b = keyOf("tenant-b");
    var outA = f.send("t-1", a, PipelineFixture.request("t-1", "gpt-4o", PROMPT));
    var outB = f.send("t-2", b, PipelineFixture.request("t-2", "gpt-4o", PROMPT));

    String maskedA = worker(outA).messages().get(1).content();
    String maskedB = worker(outB).messages().get(1).content();
    assertThat(maskedA).isEqualTo("Email <EMAIL_ADDRESS>, card , SSN ***-**-1450.");
    assertThat(maskedB).matches("Email <EMAIL_ADDRESS:[0-9a-f]{16}>, card , SSN \\*\\*\\*-\\*\\*-1450\\.");
    // the echo answer carries the masked prompt back; nothing in it is PII any more
    assertThat(((CallerResponse) value(outB, "llm.responses")).completion().choices().get(0).message().content())
        .isEqualTo("echo: " + maskedB);
    assertValidAndFreeOf(outA, "jane.doe@example.com", "4111 1111 1111 1111", "536-22-1450");
    assertValidAndFreeOf(outB, "jane.doe@example.com", "4111 1111 1111 1111", "536-22-1450");
  }

  @Test
  void shouldMaskTheAnswerWithTheOperatorsOfTheRequestsTenant() throws IOException {
    f = fixture(r -> new WorkerResponse(r.requestId(), r.model(), "Ask bob.smith@example.org about 536-22-1450",
        "stop", null, null, 0L));
    var out = f.send("t-3", keyOf("tenant-b"), PipelineFixture.request("t-3", "gpt-4o", "who handles refunds?"));
    assertThat(((CallerResponse) value(out, "llm.responses")).completion().choices().get(0).message().content())
        .matches("Ask <EMAIL_ADDRESS:[0-9a-f]{16}> about \\*\\*\\*-\\*\\*-1450");
    assertValidAndFreeOf(out, "bob.smith@example.org", "536-22-1450");
  }

  @Test
  void shouldGiveTheWorkerPlaceholdersAndTheCallerItsOwnValuesBack() throws IOException {
    f = fixture(PipelineFixture::echo);
    var out = f.send("t-4", keyOf("tenant-c"), PipelineFixture.request("t-4", "gpt-4o", PROMPT));

    WorkerRequest sent = worker(out);
    assertThat(sent.messages().get(1).content())
        .isEqualTo("Email <EMAIL_ADDRESS_1>, card <CREDIT_CARD_1>, SSN <US_SSN_1>.");
    assertThat(sent.context().maskVault()).startsWith("gsv1.");
    // the echo worker repeats the placeholders; the caller reads its own prompt back
    assertThat(((CallerResponse) value(out, "llm.responses")).completion().choices().get(0).message().content())
        .isEqualTo("echo: " + PROMPT);
    List<OfflinePipeline.Emitted> notForTheCaller = out.stream().filter(e -> !e.topic().equals("llm.responses")).toList();
    assertThat(notForTheCaller).extracting(OfflinePipeline.Emitted::topic).containsExactly("llm.worker.requests", "llm.audit");
    assertValidAndFreeOf(notForTheCaller, "jane.doe@example.com", "4111 1111 1111 1111", "536-22-1450");
  }

  private static WorkerRequest worker(List<OfflinePipeline.Emitted> out) {
    return (WorkerRequest) value(out, "llm.worker.requests");
  }
}
