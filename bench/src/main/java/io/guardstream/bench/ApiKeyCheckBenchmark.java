package io.guardstream.bench;

import io.guardstream.auth.ApiKeys;
import io.guardstream.auth.AuthResult;
import io.guardstream.auth.Authenticator;
import io.guardstream.auth.Credential;
import io.guardstream.auth.KeyHasher;
import io.guardstream.messages.ApiKeyRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The API-key path of stage 2 as the authenticate processor runs it: read the bearer header, check
 * the key's shape and CRC, look its id up in the registry, hash the key and compare in constant time,
 * then status and expiry. The registry is a map of 256 active keys standing in for the global
 * {@code llm.keys} table's store.
 */
public class ApiKeyCheckBenchmark extends SuiteSettings {

  private static final int KEYS = 256;

  private final Map<String, ApiKeyRecord> registry = new HashMap<>();
  private final String[] authorizationHeaders = new String[KEYS];
  private final KeyHasher hasher = new KeyHasher(new byte[32]);
  private final Authenticator authenticator = new Authenticator(hasher, null);
  private long now;
  private int next;

  @Setup
  public void setUp() {
    now = System.currentTimeMillis();
    for (int i = 0; i < KEYS; i++) {
      String key = ApiKeys.generate();
      registry.put(ApiKeys.keyId(key), new ApiKeyRecord(ApiKeys.keyId(key), hasher.hash(key), "bench-key-" + i,
          "bench", List.of("gpt-4o-mini"), 600, ApiKeyRecord.ACTIVE, now, now + TimeUnit.DAYS.toMillis(30)));
      authorizationHeaders[i] = "Bearer " + key;
    }
    Benchmarks.require(check() instanceof AuthResult.Authenticated, "a registered key must authenticate");
  }

  @Benchmark
  public AuthResult check() {
    String header = authorizationHeaders[next++ & (KEYS - 1)];
    return authenticator.authenticate(Credential.fromAuthorizationHeader(header), registry::get, now);
  }
}
