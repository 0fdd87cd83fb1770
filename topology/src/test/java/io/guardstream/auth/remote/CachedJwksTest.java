package io.guardstream.auth.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedJwksTest {

  private static final String ISSUER = "https://idp.test";
  private static final String JWKS = "/.well-known/jwks.json";
  private static final Duration CACHE_TTL = Duration.ofMinutes(5);
  private static final Duration MIN_REFRESH = Duration.ofSeconds(30);
  private static final Duration OUTAGE_TTL = Duration.ofHours(1);

  private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  private final AtomicReference<JWKSet> published = new AtomicReference<>();
  private final RecordedEvents events = new RecordedEvents();
  private LocalHttpsServer idp;
  private CachedJwks jwks;

  @BeforeEach
  void startIdentityProvider() throws Exception {
    idp = new LocalHttpsServer();
    idp.route(JWKS, request -> LocalHttpsServer.Reply.ok(published.get().toPublicJWKSet().toString()));
  }

  @AfterEach
  void stop() throws Exception {
    if (jwks != null) {
      jwks.close();
    }
    idp.close();
  }

  @Test
  void shouldFetchOnceWhenManyTokensUseCachedKeys() throws Exception {
    RSAKey key = rsa("k1");
    published.set(new JWKSet(key));
    DefaultJWTProcessor<SecurityContext> verifier = verifier(open(idp.uri(JWKS)));

    for (int i = 0; i < 20; i++) {
      assertThat(verifier.process(sign(key), null).getSubject()).isEqualTo("alice");
    }

    assertThat(idp.hits(JWKS)).isEqualTo(1);
    assertThat(events.log).containsExactly("refreshed " + ISSUER + " keysChanged=false");
  }

  @Test
  void shouldFetchKeysWhenWarmedUpBeforeFirstToken() throws Exception {
    published.set(new JWKSet(List.<JWK>of(rsa("k1"), rsa("k2"))));

    assertThat(open(idp.uri(JWKS)).warmUp()).isEqualTo(2);
    assertThat(idp.hits(JWKS)).isEqualTo(1);
  }

  @Test
  void shouldVerifyTokenSignedWithNewKeyWhenIssuerRotatesItsKeys() throws Exception {
    RSAKey old = rsa("k1");
    ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
    DefaultJWTProcessor<SecurityContext> verifier = verifierAfterFirstFetch(old);

    published.set(new JWKSet(List.<JWK>of(old, rotated)));
    clock.addAndGet(1_000);

    assertThat(verifier.process(sign(rotated), null).getSubject()).isEqualTo("alice");
    assertThat(idp.hits(JWKS)).isEqualTo(2);
    assertThat(events.log).endsWith("refreshed " + ISSUER + " keysChanged=true");
  }

  @Test
  void shouldRateLimitRefreshesWhenTokensNameUnknownKeyIds() throws Exception {
    RSAKey key = rsa("k1");
    DefaultJWTProcessor<SecurityContext> verifier = verifierAfterFirstFetch(key);

    RSAKey attacker = rsa("attacker");
    for (int i = 0; i < 100; i++) {
      String forged = sign(new RSAKey.Builder(attacker).keyID("invented-" + i).build());
      assertThatThrownBy(() -> verifier.process(forged, null)).isInstanceOf(BadJOSEException.class);
    }

    // nimbus allows two fetches per interval: the first load and one refresh
    assertThat(idp.hits(JWKS)).isEqualTo(2);
    assertThat(events.log).contains("rate-limited " + ISSUER);
    assertThat(verifier.process(sign(key), null).getSubject()).isEqualTo("alice");

    clock.addAndGet(MIN_REFRESH.toMillis());
    String forged = sign(new RSAKey.Builder(attacker).keyID("invented-after-interval").build());
    assertThatThrownBy(() -> verifier.process(forged, null)).isInstanceOf(BadJOSEException.class);
    assertThat(idp.hits(JWKS)).isEqualTo(3);
  }

  @Test
  void shouldKeepVerifyingWithCachedKeysWhenJwksEndpointIsDown() throws Exception {
    RSAKey key = rsa("k1");
    DefaultJWTProcessor<SecurityContext> verifier = verifierAfterFirstFetch(key);

    idp.stop();
    clock.addAndGet(CACHE_TTL.toMillis() + 1);

    assertThat(verifier.process(sign(key), null).getSubject()).isEqualTo("alice");
    assertThat(events.log)
        .filteredOn(line -> line.startsWith("outage " + ISSUER + " "))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("serving cached keys").doesNotContain("/.well-known"));
    String forged = sign(rsa("unknown"));
    assertThatThrownBy(() -> verifier.process(forged, null)).isInstanceOf(BadJOSEException.class);
  }

  @Test
  void shouldStopTrustingCachedKeysWhenOutageOutlastsOutageTtl() throws Exception {
    RSAKey key = rsa("k1");
    DefaultJWTProcessor<SecurityContext> verifier = verifierAfterFirstFetch(key);

    idp.stop();
    clock.addAndGet(OUTAGE_TTL.toMillis() + 1);

    String token = sign(key);
    assertThatThrownBy(() -> verifier.process(token, null)).isInstanceOf(KeySourceException.class);
  }

  @Test
  void shouldThrowKeySourceExceptionWhenNoKeySetWasEverFetched() throws Exception {
    RSAKey key = rsa("k1");
    published.set(new JWKSet(key));
    URI location = idp.uri(JWKS);
    idp.stop();
    DefaultJWTProcessor<SecurityContext> verifier = verifier(open(location));

    String token = sign(key);
    // infrastructure, not a bad token: the caller can answer 503 rather than 401
    assertThatThrownBy(() -> verifier.process(token, null)).isInstanceOf(KeySourceException.class);
  }

  @Test
  void shouldReloadKeysWhenJwksFileIsRotated(@TempDir Path dir) throws Exception {
    RSAKey old = rsa("k1");
    RSAKey rotated = rsa("k2");
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, new JWKSet(old).toPublicJWKSet().toString());
    DefaultJWTProcessor<SecurityContext> verifier = verifier(open(file.toUri()));
    verifier.process(sign(old), null);

    Files.writeString(file, new JWKSet(List.<JWK>of(old, rotated)).toPublicJWKSet().toString());

    assertThat(verifier.process(sign(rotated), null).getSubject()).isEqualTo("alice");
  }

  @Test
  void shouldRefuseHttpUrlWhenInsecureIsNotAllowed() {
    assertThatThrownBy(() -> JwksSettings.defaults(ISSUER, URI.create("http://idp.test/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(settings(URI.create("http://127.0.0.1:1/jwks"), true).location().getScheme())
        .isEqualTo("http");
  }

  @Test
  void shouldRefuseUrlWhenItCarriesCredentials() {
    assertThatThrownBy(() -> JwksSettings.defaults(ISSUER, URI.create("https://user:pw@idp.test/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw");
  }

  @Test
  void shouldKeepVerifyingWhenEventListenerThrows() throws Exception {
    RSAKey key = rsa("k1");
    published.set(new JWKSet(key));
    RemoteCredentialEvents broken =
        new RemoteCredentialEvents() {
          @Override
          public void onJwksRefreshed(String issuer, boolean keysChanged) {
            throw new IllegalStateException("alerting is down");
          }
        };
    jwks = CachedJwks.open(settings(idp.uri(JWKS), false), LocalHttpsServer.clientTls(), broken, clock::get);

    assertThat(verifier(jwks).process(sign(key), null).getSubject()).isEqualTo("alice");
  }

  /** A verifier over the published {@code key}, after one token made it fetch the set. */
  private DefaultJWTProcessor<SecurityContext> verifierAfterFirstFetch(JWK key) throws Exception {
    published.set(new JWKSet(key));
    DefaultJWTProcessor<SecurityContext> verifier = verifier(open(idp.uri(JWKS)));
    verifier.process(sign(key), null);
    return verifier;
  }

  private CachedJwks open(URI location) throws Exception {
    jwks = CachedJwks.open(settings(location, false), LocalHttpsServer.clientTls(), events, clock::get);
    return jwks;
  }

  private static JwksSettings settings(URI location, boolean insecure) {
    return new JwksSettings(
        ISSUER, location, CACHE_TTL, Duration.ofSeconds(5), MIN_REFRESH, OUTAGE_TTL,
        Duration.ofSeconds(2), Duration.ofSeconds(2), 50 * 1024, insecure);
  }

  private static DefaultJWTProcessor<SecurityContext> verifier(CachedJwks keys) {
    var processor = new DefaultJWTProcessor<SecurityContext>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    return processor;
  }

  private static RSAKey rsa(String kid) throws JOSEException {
    return new RSAKeyGenerator(2048).keyID(kid).generate();
  }

  private static String sign(JWK key) throws JOSEException {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
            .build();
    SignedJWT jwt;
    if (key instanceof ECKey ec) {
      jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
      jwt.sign(new ECDSASigner(ec));
    } else {
      RSAKey rsa = (RSAKey) key;
      jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(rsa));
    }
    return jwt.serialize();
  }

  /** The events as lines, in order. */
  static final class RecordedEvents implements RemoteCredentialEvents {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void onJwksRefreshed(String issuer, boolean keysChanged) {
      log.add("refreshed " + issuer + " keysChanged=" + keysChanged);
    }

    @Override
    public void onJwksOutage(String issuer, String reason) {
      log.add("outage " + issuer + " " + reason);
    }

    @Override
    public void onJwksRefreshRateLimited(String issuer) {
      log.add("rate-limited " + issuer);
    }

    @Override
    public void onIntrospectionCircuitOpen(String endpoint) {
      log.add("circuit-open " + endpoint);
    }

    @Override
    public void onIntrospectionCircuitClosed(String endpoint) {
      log.add("circuit-closed " + endpoint);
    }
  }
}
