package io.guardstream.topology;

import static io.guardstream.topology.PipelineFixture.assertValidAndFreeOf;
import static io.guardstream.topology.PipelineFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.Quota;
import io.guardstream.messages.Reservation;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.ratelimit.LimitPolicy;
import io.guardstream.ratelimit.TokenEstimator;
import io.guardstream.serde.Json;
import io.guardstream.worker.EchoWorker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens per minute, daily token budgets and spend budgets through the whole topology: reservations
 * at request time, settlement with the worker's usage on the response path, release on timeout.
 */
class TokenLimitTopologyTest {

  private PipelineFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private static PipelineFixture pipeline(Function<WorkerRequest, WorkerResponse> worker, String... settings) {
    Properties p = new Properties();
    p.setProperty("pricing.gpt-4o.input.usd.per.million", "2.50");
    p.setProperty("pricing.gpt-4o.output.usd.per.million", "10");
    for (int i = 0; i < settings.length; i += 2) {
      p.setProperty(settings[i], settings[i + 1]);
    }
    return new PipelineFixture(p, worker);
  }

  private String key(Quota quota) {
    return f.issueKey("svc-" + quota.hashCode(), new ApiKeyRecord(null, null, null, "tenant-a", null, 1000, null, null,
        ApiKeyRecord.ACTIVE, 0, null, null, quota));
  }

  /** Answers with a fixed usage, as a model server reports it. */
  private static Function<WorkerRequest, WorkerResponse> answering(int prompt, int completion) {
    return r -> new WorkerResponse(r.requestId(), r.model(), "ok", "stop", new Usage(prompt, completion, prompt + completion),
        null, PipelineFixture.START.toEpochMilli());
  }

  private List<OfflinePipeline.Emitted> send(String id, String key) {
    return f.send(id, key, PipelineFixture.request(id, "gpt-4o", "Summarise the attached quarterly report."));
  }

  private static CallerResponse response(List<OfflinePipeline.Emitted> out) {
    return (CallerResponse) value(out, "llm.responses");
  }

  private static java.util.Map<String, String> headers(List<OfflinePipeline.Emitted> out) {
    return out.stream().filter(e -> e.topic().equals("llm.responses")).findFirst().orElseThrow().headers();
  }

  private static Reservation reservation(List<OfflinePipeline.Emitted> out) {
    return ((WorkerRequest) value(out, "llm.worker.requests")).context().rateLimit().reservation();
  }

  @Test
  void shouldReservePromptPlusMaxTokensAndSettleWithTheWorkersUsage() {
    f = pipeline(answering(12, 3));
    // learn what one request reserves, with a limit far above it
    String probe = key(new Quota(1_000_000L, null, null, null));
    Reservation r = reservation(send("probe", probe));
    assertThat(r.completionTokens()).isEqualTo(64); // the request's max_tokens
    assertThat(r.promptTokens()).isBetween(15L, 30L); // two short messages plus OpenAI's framing

    // room for one reservation and 20 tokens more: each answer uses 15 of what was reserved
    String key = key(new Quota(r.tokens() + 20, null, null, null));
    var first = send("t-1", key);
    assertThat(response(first).status()).isEqualTo(200);
    assertThat(headers(first))
        .containsEntry("x-ratelimit-limit-tokens", Long.toString(r.tokens() + 20))
        .containsEntry("x-ratelimit-remaining-tokens", "20")
        .containsKey("x-ratelimit-reset-tokens");
    assertThat(response(send("t-2", key)).status()).as("the first answer settled at 15 tokens").isEqualTo(200);
    var third = send("t-3", key);
    assertThat(response(third).status()).as("30 settled + one reservation > limit").isEqualTo(429);
    assertThat(response(third).error().code()).isEqualTo("rate_limit_exceeded");
    assertThat(response(third).error().message()).contains("tokens per minute");
    assertThat(headers(third)).containsKey("retry-after").containsEntry("x-ratelimit-limit-tokens",
        Long.toString(r.tokens() + 20));
    assertValidAndFreeOf(third, key);

    f.clock += 60_000;
    assertThat(response(send("t-4", key)).status()).as("the window slid").isEqualTo(200);
  }

  @Test
  void shouldAdmitExactlyAsManyConcurrentRequestsAsTheSpendBudgetHolds() {
    List<WorkerRequest> unanswered = new ArrayList<>();
    f = pipeline(r -> {
      unanswered.add(r);
      return null; // every request in flight at once: no settlement frees anything
    });
    String probe = key(new Quota(null, null, new BigDecimal("1000"), null));
    long cost = reservation(send("probe", probe)).nanoUsd();
    assertThat(cost).isPositive();

    String key = key(new Quota(null, null, BigDecimal.valueOf(cost * 7 + cost / 2, 9), null));
    List<Integer> statuses = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      var out = send("s-" + i, key);
      if (out.stream().anyMatch(e -> e.topic().equals("llm.responses"))) {
        statuses.add(response(out).status());
        codes.add(response(out).error().code());
      } else {
        statuses.add(202); // on its way to the worker
      }
    }
    assertThat(statuses.subList(0, 7)).containsOnly(202);
    assertThat(statuses.subList(7, 12)).containsOnly(429);
    assertThat(codes).containsOnly("budget_exceeded");

    // the worker never answers: the timeout releases the reservations, and the budget has room again
    f.pipeline.advanceWallClock(Duration.ofSeconds(6));
    f.clock += 6_000;
    var after = send("s-after", key);
    assertThat(after.stream().anyMatch(e -> e.topic().equals("llm.worker.requests"))).isTrue();
  }

  @Test
  void shouldRefuseTheRequestThatWouldExceedTheDailyTokenBudget() {
    f = pipeline(answering(10, 40));
    String probe = key(new Quota(null, 1_000_000L, null, null));
    Reservation r = reservation(send("probe", probe));
    // each answer settles at 50 tokens; the budget holds two answers plus one reservation
    String key = key(new Quota(null, 100 + r.tokens(), null, null));
    assertThat(response(send("d-1", key)).status()).isEqualTo(200);
    assertThat(response(send("d-2", key)).status()).isEqualTo(200);
    assertThat(response(send("d-3", key)).status()).isEqualTo(200);
    var fourth = send("d-4", key);
    assertThat(response(fourth).status()).isEqualTo(429);
    assertThat(response(fourth).error().code()).isEqualTo("budget_exceeded");
    assertThat(response(fourth).error().message()).contains("daily budget");
    assertThat(headers(fourth)).as("a budget does not come back in seconds").doesNotContainKey("retry-after");
    f.clock += Duration.ofDays(1).toMillis();
    assertThat(response(send("d-5", key)).status()).as("a new UTC day").isEqualTo(200);
  }

  @Test
  void shouldFireTheBudgetErrorAtTheFirstRequestThatNoLongerFitsAfterTheEchoWorkersRealUsage() {
    f = pipeline(EchoWorker::answer);
    long budget = 900;
    String key = key(new Quota(null, budget, null, null));
    var tokenizer = new TokenEstimator();
    long used = 0;
    int admitted = 0;
    int refused = 0;
    for (int i = 0; i < 30; i++) {
      String prompt = "Summarise item " + i + ": " + "the quarterly figures ".repeat(i % 7);
      long reservation = tokenizer.promptTokens("gpt-4o",
          List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", prompt))) + 64;
      CallerResponse response = response(f.send("e-" + i, key, PipelineFixture.request("e-" + i, "gpt-4o", prompt)));
      if (used + reservation <= budget) {
        assertThat(response.status()).as("request %d: %d used + %d reserved fits %d", i, used, reservation, budget)
            .isEqualTo(200);
        used += response.completion().usage().totalTokens(); // what the echo worker reports, not the estimate
        admitted++;
      } else {
        assertThat(response.status()).as("request %d: %d used + %d reserved exceeds %d", i, used, reservation, budget)
            .isEqualTo(429);
        assertThat(response.error().code()).isEqualTo("budget_exceeded");
        refused++;
      }
    }
    assertThat(admitted).isGreaterThan(3);
    assertThat(refused).isGreaterThan(3);
  }

  @Test
  void shouldCapMaxTokensAtTheReservationWhenTheRequestNamesNone() {
    f = pipeline(answering(5, 5), "ratelimit.default.completion.tokens", "256");
    String key = key(new Quota(100_000L, null, null, null));
    byte[] noCap = Json.toBytes(new ChatRequest("c-1", "gpt-4o", List.of(new ChatMessage("user", "hi")), null,
        null, null, null, null));
    var worker = (WorkerRequest) value(f.send("c-1", key, noCap), "llm.worker.requests");
    assertThat(worker.maxTokens()).isEqualTo(256);
    assertThat(worker.context().rateLimit().reservation().completionTokens()).isEqualTo(256);
  }

  @Test
  void shouldLeaveARequestWithoutMaxTokensAsItIsWhenNoTokenLimitApplies() {
    f = pipeline(answering(5, 5));
    String key = f.issueKey("requests-only", null, 10);
    byte[] noCap = Json.toBytes(new ChatRequest("c-2", "gpt-4o", List.of(new ChatMessage("user", "hi")), null,
        null, null, null, null));
    var worker = (WorkerRequest) value(f.send("c-2", key, noCap), "llm.worker.requests");
    assertThat(worker.maxTokens()).isNull();
    assertThat(worker.context().rateLimit().reservation()).isNull();
    assertThat(worker.context().rateLimit().limitTokens()).isNull();
  }

  @Test
  void shouldRefuseAnUnpricedModelWhenASpendBudgetApplies() {
    f = pipeline(answering(5, 5));
    String key = key(new Quota(null, null, new BigDecimal("5"), null));
    var out = f.send("u-1", key, PipelineFixture.request("u-1", "llama-3-70b", "hi"));
    assertThat(response(out).status()).isEqualTo(403);
    assertThat(response(out).error().code()).isEqualTo("model_not_priced");
  }

  @Test
  void shouldApplyTheTenantsQuotaToKeysWithoutTheirOwn() {
    f = pipeline(answering(5, 5), "tenant.tenant-a.ratelimit.tokens.per.minute", "10");
    String key = f.issueKey("plain", null, null);
    var out = send("n-1", key);
    assertThat(response(out).status()).isEqualTo(429);
    assertThat(response(out).error().message()).contains("more than the limit of 10 tokens per minute");
  }

  @Test
  void shouldChargeEveryPrincipalsTokensToTheTenantsDailyTotal() {
    f = pipeline(answering(10, 40), "ratelimit.partition.by", "tenant");
    String probe = key(new Quota(null, 1_000_000L, null, null));
    long reserved = reservation(send("probe", probe)).tokens();
    f.close();
    // room for the probe-sized reservation twice, after one settled answer of 50 tokens
    f = pipeline(answering(10, 40), "ratelimit.partition.by", "tenant",
        "tenant.tenant-a.ratelimit.total.tokens.per.day", Long.toString(50 + reserved + reserved / 2));
    String alice = f.issueKey("alice", null, 100);
    String bob = f.issueKey("bob", null, 100);
    assertThat(response(send("t-a", alice)).status()).isEqualTo(200);
    var second = send("t-b", bob);
    assertThat(response(second).status()).as("alice's 50 settled tokens count against bob's tenant").isEqualTo(200);
    var third = send("t-c", bob);
    assertThat(response(third).status()).isEqualTo(429);
    assertThat(response(third).error().code()).isEqualTo("budget_exceeded");
    assertThat(response(third).error().message()).contains("tenant tenant-a (all its principals together)");
  }

  @Test
  void shouldApplyAReplacedTenantLimitToTheNextRequestKeepingTheCounts() {
    f = pipeline(answering(5, 5));
    String key = f.issueKey("reloaded", null, null);
    assertThat(response(send("r-1", key)).status()).isEqualTo(200);
    assertThat(response(send("r-2", key)).status()).isEqualTo(200);
    LimitPolicy before = f.limits.get();
    f.limits.replace(new LimitPolicy(before.defaultRequestsPerMinute(), before.defaultQuota(),
        java.util.Map.of("tenant-a", new LimitPolicy.TenantLimits(2, null, null, null)), before.prices(),
        before.defaultCompletionTokens(), before.maxFutureMs(), before.partitionByTenant()));
    assertThat(response(send("r-3", key)).status()).as("two already counted under the new limit of 2").isEqualTo(429);
  }

  @Test
  void shouldNotLetAFutureTimestampOpenAFreshWindow() {
    f = pipeline(answering(5, 5));
    String key = f.issueKey("clock-skewed", null, 2);
    assertThat(response(send("f-1", key)).status()).isEqualTo(200);
    assertThat(response(send("f-2", key)).status()).isEqualTo(200);
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(io.guardstream.ingest.RequestHeaders.AUTHORIZATION, ("Bearer " + key).getBytes());
    var future = f.pipeline.sendAheadOfClock("f-3", PipelineFixture.request("f-3", "gpt-4o", "hi"), headers,
        f.clock + Duration.ofHours(1).toMillis());
    assertThat(response(future).status()).as("counted at the wall clock, in the full window").isEqualTo(429);
  }

  @Test
  void shouldCountALateRecordInTheCurrentWindowNotInAnOldEmptyOne() {
    f = pipeline(answering(5, 5));
    String key = f.issueKey("late", null, 2);
    f.clock += 120_000;
    assertThat(response(send("l-1", key)).status()).isEqualTo(200);
    assertThat(response(send("l-2", key)).status()).isEqualTo(200);
    f.clock -= 110_000; // a record produced long ago, delivered now
    assertThat(response(send("l-3", key)).status()).isEqualTo(429);
  }

  @Test
  void shouldHoldAllOfATenantsPrincipalsTogetherToTheTenantsTotal() {
    f = pipeline(answering(5, 5), "ratelimit.partition.by", "tenant",
        "tenant.tenant-a.ratelimit.total.requests.per.minute", "3",
        "tenant.tenant-a.ratelimit.total.tokens.per.day", "100000");
    String alice = f.issueKey("alice", null, 10);
    String bob = f.issueKey("bob", null, 10);
    assertThat(response(send("a-1", alice)).status()).isEqualTo(200);
    assertThat(response(send("b-1", bob)).status()).isEqualTo(200);
    assertThat(response(send("a-2", alice)).status()).isEqualTo(200);
    var fourth = send("b-2", bob);
    assertThat(response(fourth).status()).as("bob is within his own 10 but the tenant is at 3").isEqualTo(429);
    assertThat(response(fourth).error().message()).contains("tenant tenant-a").contains("all its principals together");
  }
}
