package io.guardstream.auth.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

  private final VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(3, Duration.ofMinutes(5));

  @Test
  void shouldReturnVerificationWhenSameTokenSeenAgainBeforeExpiry() {
    cache.put(TOKEN, "alice", NOW + 60_000, NOW);

    assertThat(cache.get(TOKEN, NOW + 59_999)).contains("alice");
    assertThat(cache.get(TOKEN + "x", NOW)).isEmpty();
  }

  @Test
  void shouldForgetTokenWhenItsExpHasPassed() {
    cache.put(TOKEN, "alice", NOW + 60_000, NOW);

    assertThat(cache.get(TOKEN, NOW + 60_000)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void shouldForgetTokenWhenMaxTtlPassesBeforeExp() {
    cache.put(TOKEN, "alice", NOW + Duration.ofHours(8).toMillis(), NOW);

    assertThat(cache.get(TOKEN, NOW + Duration.ofMinutes(5).toMillis() - 1)).contains("alice");
    assertThat(cache.get(TOKEN, NOW + Duration.ofMinutes(5).toMillis())).isEmpty();
  }

  @Test
  void shouldNotCacheTokenWhenItIsAlreadyExpired() {
    cache.put(TOKEN, "alice", NOW - 1, NOW);

    assertThat(cache.size()).isZero();
  }

  @Test
  void shouldBoundLifetimeWhenTokenHasNoExp() {
    cache.put(TOKEN, "alice", Long.MAX_VALUE, NOW);

    assertThat(cache.get(TOKEN, NOW + Duration.ofMinutes(5).toMillis())).isEmpty();
  }

  @Test
  void shouldEvictLeastRecentlyUsedWhenFull() {
    cache.put("t1", "one", NOW + 60_000, NOW);
    cache.put("t2", "two", NOW + 60_000, NOW);
    cache.put("t3", "three", NOW + 60_000, NOW);
    cache.get("t1", NOW);

    cache.put("t4", "four", NOW + 60_000, NOW);

    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("t2", NOW)).isEmpty();
    assertThat(cache.get("t1", NOW)).contains("one");
    assertThat(cache.get("t4", NOW)).contains("four");
  }

  @Test
  void shouldForgetEverythingWhenInvalidatedAfterKeyRotation() {
    cache.put("t1", "one", NOW + 60_000, NOW);
    cache.put("t2", "two", NOW + 60_000, NOW);

    cache.invalidateAll();

    assertThat(cache.get("t1", NOW)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void shouldStayWithinBoundAndConsistentWhenUsedConcurrently() throws Exception {
    var shared = new VerifiedTokenCache<String>(100, Duration.ofMinutes(5));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<Integer>> wrong = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      wrong.add(
          threads.submit(
              () -> {
                int mismatches = 0;
                for (int i = 0; i < 20_000; i++) {
                  String token = "token-" + thread + "-" + (i % 500);
                  shared.put(token, token, NOW + 60_000, NOW);
                  String seen = shared.get(token, NOW).orElse(token);
                  mismatches += seen.equals(token) ? 0 : 1;
                }
                return mismatches;
              }));
    }
    threads.shutdown();
    assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    for (Future<Integer> mismatches : wrong) {
      assertThat(mismatches.get()).isZero();
    }
    assertThat(shared.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void shouldMissWhenTokenDiffersFromCachedOneOnlyInNonAsciiCharacter() {
    cache.put(TOKEN + "\u00e4", "alice", NOW + 60_000, NOW);

    assertThat(cache.get(TOKEN + "\u00f6", NOW)).isEmpty();
  }

  @Test
  void shouldNameTokenByShortFingerprintWhenPrinted() {
    assertThat(TokenDigest.of(TOKEN).toString()).startsWith("sha256:").doesNotContain(TOKEN);
    assertThat(TokenDigest.of(TOKEN)).isEqualTo(TokenDigest.of(TOKEN)).isNotEqualTo(TokenDigest.of("other"));
  }
}
