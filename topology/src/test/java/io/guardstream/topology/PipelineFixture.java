package io.guardstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guardstream.auth.ApiKeys;
import io.guardstream.config.ConfigLoader;
import io.guardstream.config.TestSecrets;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.ingest.RequestHeaders;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.messages.Usage;
import io.guardstream.ratelimit.LiveLimits;
import io.guardstream.schemas.RecordSchemas;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The whole topology in TopologyTestDriver with real detectors, real keys and real RS256 tokens. */
final class PipelineFixture implements AutoCloseable {

  static final String ISSUER = "https://idp.test";
  static final String AUDIENCE = "guardstream";
  static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
  static final byte[] DLQ_KEY = new byte[32];

  static {
    for (int i = 0; i < DLQ_KEY.length; i++) {
      DLQ_KEY[i] = (byte) (i * 7 + 1);
    }
  }

  final Path dir;
  final RSAKey signingKey;
  final GuardstreamConfig config;
  final OfflinePipeline pipeline;
  final LiveLimits limits;
  long clock = START.toEpochMilli();

  PipelineFixture(Properties overrides, Function<WorkerRequest, WorkerResponse> worker) {
    try {
      dir = Files.createTempDirectory("guardstream-ttd-");
      signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
      Path jwks = dir.resolve("jwks.json");
      Files.writeString(jwks, new JWKSet(signingKey.toPublicJWK()).toString());
      Properties p = new Properties();
      p.setProperty("bootstrap.servers", "ttd:9092");
      p.setProperty("application.id", "guardstream-ttd");
      p.setProperty("state.dir", dir.resolve("state").toString());
      p.setProperty("auth.jwt.jwks.file", jwks.toString());
      p.setProperty("auth.jwt.issuer", ISSUER);
      p.setProperty("auth.jwt.audience", AUDIENCE);
      p.setProperty("worker.timeout.ms", "5000");
      p.setProperty("auth.default.models", "*");
      p.setProperty("anomaly.auth.failures.threshold", "5");
      p.putAll(overrides);
      Map<String, String> env = new java.util.HashMap<>(TestSecrets.environment());
      env.put("GUARDSTREAM_DLQ_KEY", Base64.getEncoder().encodeToString(DLQ_KEY));
      config = ConfigLoader.load(p, env);
    } catch (IOException | JOSEException e) {
      throw new IllegalStateException(e);
    }
    limits = new LiveLimits(config.rateLimit());
    pipeline = new OfflinePipeline(config, StandardDetectors.load(), worker, START, limits);
  }

  PipelineFixture() {
    this(new Properties(), PipelineFixture::echo);
  }

  static WorkerResponse echo(WorkerRequest request) {
    String last = request.messages().get(request.messages().size() - 1).content();
    return new WorkerResponse(request.requestId(), request.model(), "echo: " + last, "stop", new Usage(10, 5, 15), null,
        START.toEpochMilli());
  }

  /** Registers a new active key and returns the raw key. */
  String issueKey(String principal, List<String> models, Integer rpm) {
    String key = ApiKeys.generate();
    pipeline.putKey(new ApiKeyRecord(ApiKeys.keyId(key), TestSecrets.KEY_HASHER.hash(key), principal, "tenant-a", models, rpm,
        ApiKeyRecord.ACTIVE, clock, null));
    return key;
  }

  /** Registers a key with the settings of {@code template} (its id and hash are filled in) and returns the raw key. */
  String issueKey(String principal, ApiKeyRecord template) {
    String key = ApiKeys.generate();
    ApiKeyRecord t = template;
    pipeline.putKey(new ApiKeyRecord(ApiKeys.keyId(key), TestSecrets.KEY_HASHER.hash(key), principal, t.tenant(),
        t.allowedModels(), t.requestsPerMinute(), t.maxTokens(), t.workloads(), t.status(), clock, t.expiresAt(), null,
        t.quota()));
    return key;
  }

  void revoke(String key, String principal) {
    pipeline.putKey(new ApiKeyRecord(ApiKeys.keyId(key), TestSecrets.KEY_HASHER.hash(key), principal, "tenant-a", null, null,
        ApiKeyRecord.REVOKED, clock, null));
  }

  String jwt(RSAKey key, String audience, Duration validFor) {
    var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("svc-1")
        .issueTime(new Date(clock)).expirationTime(new Date(clock + validFor.toMillis()))
        .claim("models", List.of("gpt-4o")).build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  String jwt() {
    return jwt(signingKey, AUDIENCE, Duration.ofMinutes(10));
  }

  static byte[] request(String id, String model, String prompt) {
    return Json.toBytes(new ChatRequest(id, model, List.of(new ChatMessage("system", "Be brief."),
        new ChatMessage("user", prompt)), 64, null, null, null, null));
  }

  List<OfflinePipeline.Emitted> send(String id, String credential, byte[] value) {
    return send(id, credential, value, "192.0.2.1");
  }

  List<OfflinePipeline.Emitted> send(String id, String credential, byte[] value, String clientAddress) {
    var headers = new RecordHeaders();
    if (credential != null) {
      headers.add(RequestHeaders.AUTHORIZATION, ("Bearer " + credential).getBytes(StandardCharsets.UTF_8));
    }
    headers.add(RequestHeaders.CLIENT_ADDRESS, clientAddress.getBytes(StandardCharsets.UTF_8));
    return pipeline.send(id, value, headers, clock);
  }

  static List<String> topics(List<OfflinePipeline.Emitted> out) {
    return out.stream().map(OfflinePipeline.Emitted::topic).toList();
  }

  static Object value(List<OfflinePipeline.Emitted> out, String topic) {
    return out.stream().filter(e -> e.topic().equals(topic)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing on " + topic + " in " + topics(out))).value();
  }

  /** Every record validates against its topic's schema and contains none of the given secrets. */
  static void assertValidAndFreeOf(List<OfflinePipeline.Emitted> out, String... secrets) {
    for (OfflinePipeline.Emitted e : out) {
      assertThat(RecordSchemas.shared().validate(e.topic(), e.value())).as("schema of %s", e.topic()).isEmpty();
      String text = Json.toString(e.value()) + e.headers() + e.key();
      for (String secret : secrets) {
        assertThat(text).as("%s record", e.topic()).doesNotContain(secret);
      }
    }
  }
  @Override
  public void close() {
    pipeline.close();
  }
}
