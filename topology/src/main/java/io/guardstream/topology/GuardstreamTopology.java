package io.guardstream.topology;

import io.guardstream.anomaly.AuthFailure;
import io.guardstream.anomaly.AuthFailureBurstProcessor;
import io.guardstream.anomaly.AuthFailureBurstRule;
import io.guardstream.anomaly.SystemPromptLeakRule;
import io.guardstream.auth.AuthenticateProcessor;
import io.guardstream.auth.Authenticator;
import io.guardstream.auth.Authorizer;
import io.guardstream.auth.JwtVerifier;
import io.guardstream.auth.KeyHasher;
import io.guardstream.auth.OpaqueTokenVerifier;
import io.guardstream.auth.RemoteCredentialAlerts;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.InjectionPolicy;
import io.guardstream.config.MaskingSettings;
import io.guardstream.config.Secret;
import io.guardstream.ingest.IngestProcessor;
import io.guardstream.ingest.Ingested;
import io.guardstream.ingest.PayloadSealer;
import io.guardstream.ingest.RequestParser;
import io.guardstream.inspect.InspectProcessor;
import io.guardstream.inspect.PromptInspector;
import io.guardstream.inspect.injection.CanaryToken;
import io.guardstream.inspect.masking.Deanonymizer;
import io.guardstream.inspect.masking.Masker;
import io.guardstream.inspect.masking.TenantPseudonyms;
import io.guardstream.messages.Alert;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.KeyUsage;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.ratelimit.LimitStores;
import io.guardstream.ratelimit.LiveLimits;
import io.guardstream.ratelimit.RateLimitProcessor;
import io.guardstream.ratelimit.Settlement;
import io.guardstream.ratelimit.SettlementProcessor;
import io.guardstream.ratelimit.Spend;
import io.guardstream.ratelimit.TokenEstimator;
import io.guardstream.ratelimit.SlidingWindowLimiter;
import io.guardstream.respond.OutputFilter;
import io.guardstream.respond.PendingRequest;
import io.guardstream.respond.ResponsePathEvent;
import io.guardstream.respond.ResponseProcessor;
import io.guardstream.respond.SentRequest;
import io.guardstream.serde.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Guardstream topology, top to bottom as in DESIGN.md. It only wires: every decision is made
 * by a plain-Java detector that a processor adapts to records and stores. Every processor, store
 * and internal topic is named, so a rename shows up in the golden {@code describe()} file.
 *
 * <pre>
 * llm.requests ─▶ ingest ─▶ authenticate+authorize ─▶ inspect ─▶ by principal ─▶ rate limit ─▶ llm.worker.requests
 * llm.worker.requests + llm.worker.responses ─▶ join pending ─▶ output filter ─▶ llm.responses
 *   usage of requests that reserved tokens ─▶ by principal ─▶ settle in the rate-limit stores
 * every decision ─▶ llm.responses + llm.audit (+ llm.dlq); auth failures ─▶ by source ─▶ burst rule ─▶ llm.alerts
 * </pre>
 */
public final class GuardstreamTopology {

  public static final String KEYS_STORE = "api-keys";
  public static final String RATE_LIMIT_STORE = "rate-limit-requests";
  public static final String TOKENS_STORE = "rate-limit-tokens";
  public static final String BUDGET_DAY_STORE = "budget-per-day";
  public static final String BUDGET_MONTH_STORE = "budget-per-month";
  public static final String KEY_USAGE_STORE = "key-usage";
  public static final String PENDING_STORE = "pending-requests";
  public static final String AUTH_FAILURES_STORE = "auth-failures-per-source";
  public static final String BY_PRINCIPAL = "requests-by-principal";
  public static final String SETTLEMENTS_BY_PRINCIPAL = "settlements-by-principal";
  public static final LimitStores.Names LIMIT_STORES =
      new LimitStores.Names(RATE_LIMIT_STORE, TOKENS_STORE, BUDGET_DAY_STORE, BUDGET_MONTH_STORE, KEY_USAGE_STORE);
  public static final String BY_SOURCE = "auth-failures-by-source";

  private GuardstreamTopology() {}

  /** Builds the topology; {@code streamsProperties} are passed to the builder's optimiser. */
  public static Topology build(GuardstreamConfig config, Detectors detectors, Properties streamsProperties) {
    return build(config, detectors, streamsProperties, new LiveLimits(config.rateLimit()));
  }

  /** @param limits the limits in force, which may be replaced while the topology runs */
  public static Topology build(GuardstreamConfig config, Detectors detectors, Properties streamsProperties,
      LiveLimits limits) {
    StreamsBuilder builder = new StreamsBuilder();
    build(builder, Topics.of(config.topics()), config, detectors, limits);
    return builder.build(streamsProperties);
  }

  public static void build(StreamsBuilder builder, Topics topics, GuardstreamConfig config, Detectors detectors,
      LiveLimits limits) {
    builder.globalTable(
        topics.keys().name(),
        topics.keys().consumed(),
        Materialized.<String, ApiKeyRecord, KeyValueStore<Bytes, byte[]>>as(KEYS_STORE)
            .withKeySerde(topics.keys().keySerde())
            .withValueSerde(topics.keys().valueSerde()));

    KStream<String, WorkerRequest> accepted = requestPath(builder, topics, config, detectors, limits);
    accepted.to(topics.workerRequests().name(), topics.workerRequests().produced("route"));
    responsePath(builder, topics, config, detectors, limits);
  }

  private static KStream<String, WorkerRequest> requestPath(
      StreamsBuilder builder, Topics topics, GuardstreamConfig config, Detectors detectors, LiveLimits limits) {
    var parser = new RequestParser(config.requestMaxBytes(), detectors.requestSchema());
    var sealer = new PayloadSealer(config.dlqKey().base64Bytes("dlq.encryption.key"));
    byte[] pseudonymKey = config.pseudonymKey().base64Bytes("audit.pseudonym.key");
    var keyHasher = KeyHasher.of(config.auth().apiKeyPepper());
    var remoteAlerts = new RemoteCredentialAlerts();
    var authenticator = new Authenticator(keyHasher, JwtVerifier.of(config.auth(), remoteAlerts),
        OpaqueTokenVerifier.of(config.auth(), remoteAlerts));
    var authorizer = new Authorizer(config.auth().defaultModels(), config.auth().modelTenants());
    var tokenizer = new TokenEstimator();
    var inspector = new PromptInspector(detectors.pii().atLeast(config.inspect().piiMinScore()), detectors.injection(),
        config.inspect().injectionFlagThreshold(), config.inspect().injectionBlockThreshold(), masker(config));

    KStream<String, Verdict<Ingested>> ingested =
        builder.stream(topics.requests().name(), topics.requests().consumed())
            .processValues(() -> new IngestProcessor(parser, sealer, pseudonymKey, config.policyVersion()),
                Named.as("ingest-parse-validate"));
    emit(ingested.flatMapValues(Verdict::stopped, Named.as("ingest-rejected")), topics, "ingest");

    KStream<String, Verdict<Admitted>> authenticated =
        ingested.flatMapValues(Verdict::passed, Named.as("ingest-passed"))
            .processValues(() -> new AuthenticateProcessor(authenticator, authorizer, KEYS_STORE, config.policyVersion()),
                Named.as("auth-authenticate-authorize"));
    KStream<String, Outcome> authRejected = authenticated.flatMapValues(Verdict::stopped, Named.as("auth-rejected"));
    emit(authRejected, topics, "auth");
    anomalies(builder, authRejected, topics, config, remoteAlerts::drain);

    KStream<String, Verdict<Admitted>> inspected =
        authenticated.flatMapValues(Verdict::passed, Named.as("auth-passed"))
            .processValues(() -> new InspectProcessor(inspector, config.inspect().injection(), canary(config)),
                Named.as("inspect-mask-score"));
    emit(inspected.flatMapValues(Verdict::stopped, Named.as("inspect-rejected")), topics, "inspect");

    limitStores().forEach(builder::addStateStore);
    KStream<String, Verdict<WorkerRequest>> limited =
        inspected.flatMapValues(Verdict::passed, Named.as("inspect-passed"))
            .selectKey((requestId, admitted) -> config.rateLimit().partitionKey(admitted.context().principal(),
                admitted.context().tenant()), Named.as("rekey-by-principal"))
            .repartition(Repartitioned.<String, Admitted>as(BY_PRINCIPAL)
                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Admitted.class)))
            .processValues(() -> new RateLimitProcessor(LIMIT_STORES, limits, tokenizer),
                Named.as("ratelimit-requests-tokens-budgets"), RATE_LIMIT_STORE, TOKENS_STORE, BUDGET_DAY_STORE,
                BUDGET_MONTH_STORE, KEY_USAGE_STORE);
    emit(limited.flatMapValues(Verdict::stopped, Named.as("ratelimit-rejected"))
            .selectKey((principal, outcome) -> outcome.requestId(), Named.as("ratelimit-rejected-by-request")),
        topics, "ratelimit");
    return limited.flatMapValues(Verdict::passed, Named.as("ratelimit-passed"))
        .selectKey((principal, request) -> request.requestId(), Named.as("route-by-request"));
  }

  private static void responsePath(StreamsBuilder builder, Topics topics, GuardstreamConfig config, Detectors detectors,
      LiveLimits limits) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(),
                JsonSerde.of(PendingRequest.class))
            .withCachingEnabled());
    // the worker-request topic feeds the pending store directly: co-partitioned by request id with
    // the answers, so the join needs no topic of its own; read as SentRequest, its prompts unparsed
    KStream<String, ResponsePathEvent> sent =
        builder.stream(topics.workerRequests().name(), Consumed.with(Serdes.String(), JsonSerde.of(SentRequest.class))
                .withName("source-" + topics.workerRequests().name().replace('.', '-')))
            .mapValues(ResponsePathEvent::sent, Named.as("respond-request-sent"));
    KStream<String, ResponsePathEvent> answered =
        builder.stream(topics.workerResponses().name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName("source-" + topics.workerResponses().name().replace('.', '-')))
            .mapValues(ResponsePathEvent::answered, Named.as("respond-answer-received"));
    var filter = new OutputFilter(detectors.pii().atLeast(config.inspect().piiMinScore()), masker(config), canary(config));
    KStream<String, Outcome> outcomes =
        sent.merge(answered, Named.as("respond-merge"))
            .process(() -> new ResponseProcessor(PENDING_STORE, filter, config.workerTimeoutMs()),
                Named.as("respond-join-pending"), PENDING_STORE);
    emit(outcomes, topics, "respond");
    outcomes.filter((requestId, outcome) -> SystemPromptLeakRule.matches(outcome.audit()),
            Named.as("anomaly-system-prompt-leaks"))
        .map((requestId, outcome) -> {
          Alert alert = SystemPromptLeakRule.alert(outcome.audit());
          return KeyValue.pair(alert.alertId(), alert);
        }, Named.as("anomaly-system-prompt-leak-alert"))
        .to(topics.alerts().name(), topics.alerts().produced("anomaly-leak"));
    // settlements go back to the principal's own rate-limit task: the same stores, the same key
    outcomes.flatMapValues(o -> o.settlement() == null ? List.<Settlement>of() : List.of(o.settlement()),
            Named.as("respond-settlements"))
        .selectKey((requestId, settlement) -> config.rateLimit().partitionKey(settlement.principal(), settlement.tenant()),
            Named.as("settle-rekey-by-principal"))
        .repartition(Repartitioned.<String, Settlement>as(SETTLEMENTS_BY_PRINCIPAL)
            .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Settlement.class)))
        .process(() -> new SettlementProcessor(LIMIT_STORES, limits),
            Named.as("ratelimit-settle-usage"), RATE_LIMIT_STORE, TOKENS_STORE, BUDGET_DAY_STORE, BUDGET_MONTH_STORE);
  }

  /**
   * The rate-limit stage's stores, each kept only as long as its window: requests and tokens in
   * one-second buckets for two minutes, spend per UTC day for two days and per month for 62 days.
   */
  public static List<StoreBuilder<?>> limitStores() {
    Duration second = Duration.ofMillis(SlidingWindowLimiter.BUCKET_MS);
    Duration twoMinutes = Duration.ofMillis(SlidingWindowLimiter.WINDOW_MS * 2);
    return List.of(
        Stores.windowStoreBuilder(Stores.persistentWindowStore(RATE_LIMIT_STORE, twoMinutes, second, false),
            Serdes.String(), Serdes.Long()).withCachingEnabled(),
        Stores.windowStoreBuilder(Stores.persistentWindowStore(TOKENS_STORE, twoMinutes, second, false),
            Serdes.String(), Serdes.Long()).withCachingEnabled(),
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(BUDGET_DAY_STORE, Duration.ofDays(2), Duration.ofDays(1), false),
            Serdes.String(), JsonSerde.of(Spend.class)).withCachingEnabled(),
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(BUDGET_MONTH_STORE, Duration.ofDays(62), Duration.ofDays(31), false),
            Serdes.String(), JsonSerde.of(Spend.class)).withCachingEnabled(),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KEY_USAGE_STORE), Serdes.String(),
            JsonSerde.of(KeyUsage.class)).withCachingEnabled());
  }

  /** The canary of {@code inspect.canary.key}, or null when none is configured (canaries off). */
  private static CanaryToken canary(GuardstreamConfig config) {
    Secret key = config.inspect().injection().canaryKey();
    return key == null ? null : new CanaryToken(key.base64Bytes(InjectionPolicy.CANARY_KEY));
  }

  private static void anomalies(StreamsBuilder builder, KStream<String, Outcome> authRejected, Topics topics,
      GuardstreamConfig config, Supplier<List<Alert>> credentialAlerts) {
    var rule = new AuthFailureBurstRule(config.anomaly().authFailureThreshold(), config.anomaly().authFailureWindowMs());
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(AUTH_FAILURES_STORE, Duration.ofMillis(rule.windowMs() * 2),
                Duration.ofMillis(rule.windowMs()), false),
            Serdes.String(), Serdes.Long()));
    authRejected
        .filter((requestId, outcome) -> outcome.authFailureSource() != null, Named.as("anomaly-auth-failures"))
        .map((requestId, outcome) -> KeyValue.pair(outcome.authFailureSource(),
                new AuthFailure(outcome.authFailureSource(), outcome.response().error().code(),
                    outcome.audit().timings().receivedAt())),
            Named.as("anomaly-key-by-source"))
        .repartition(Repartitioned.<String, AuthFailure>as(BY_SOURCE)
            .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(AuthFailure.class)))
        .process(() -> new AuthFailureBurstProcessor(AUTH_FAILURES_STORE, rule, credentialAlerts),
            Named.as("anomaly-auth-failure-burst"),
            AUTH_FAILURES_STORE)
        .to(topics.alerts().name(), topics.alerts().produced("anomaly"));
  }

  private static Masker masker(GuardstreamConfig config) {
    MaskingSettings m = config.inspect().masking();
    return new Masker(m.policy(),
        m.hashKey() == null ? null : new TenantPseudonyms(m.hashKey().base64Bytes("inspect.mask.hash.key")),
        m.encryptionKey() == null ? null : new Deanonymizer(m.encryptionKey().base64Bytes("inspect.mask.encryption.key")));
  }

  /** Writes an outcome stream, keyed by request id, to the responses, audit and DLQ topics. */
  private static void emit(KStream<String, Outcome> outcomes, Topics topics, String stage) {
    outcomes.processValues(() -> OutcomeWriter.withRateLimitHeaders(Outcome::response), Named.as(stage + "-response"))
        .to(topics.responses().name(), topics.responses().produced(stage));
    outcomes.processValues(() -> OutcomeWriter.withoutHeaders(Outcome::audit), Named.as(stage + "-audit"))
        .to(topics.audit().name(), topics.audit().produced(stage));
    outcomes.processValues(() -> OutcomeWriter.withoutHeaders(Outcome::deadLetter), Named.as(stage + "-dead-letter"))
        .to(topics.dlq().name(), topics.dlq().produced(stage));
  }
}
