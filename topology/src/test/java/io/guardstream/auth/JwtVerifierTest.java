package io.guardstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guardstream.auth.remote.VerifiedTokenCache;
import io.guardstream.config.IssuerSettings;
import io.guardstream.config.RoleSettings;
import io.guardstream.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final byte[] HMAC_SECRET = "0123456789abcdef0123456789abcdef-hs256".getBytes(StandardCharsets.UTF_8);

  private static RSAKey internalKey;
  private static RSAKey partnerKey;
  private static OctetKeyPair edKey;
  private static JwtVerifier verifier;

  @BeforeAll
  static void issuers(@TempDir Path dir) throws Exception {
    internalKey = new RSAKeyGenerator(2048).keyID("internal-1").generate();
    partnerKey = new RSAKeyGenerator(2048).keyID("partner-1").generate();
    edKey = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
    IssuerSettings internal = Issuers.withJwks("https://idp.internal", new JWKSet(List.of(internalKey.toPublicJWK(), edKey.toPublicJWK())), dir);
    IssuerSettings partner = Issuers.withJwks("https://partner.example", new JWKSet(partnerKey.toPublicJWK()), dir);
    partner = new IssuerSettings("partner", partner.issuer(), "guardstream", partner.jwksFile(), null, Set.of("RS256"),
        null, 30, "at+jwt", "models", "roles", "org");
    IssuerSettings shared = new IssuerSettings("shared", "https://hs.example", "guardstream", null, null, Set.of("HS256"),
        Secret.ephemeral("hs", HMAC_SECRET), 30, null, "models", "scope", "tenant");
    Map<String, RoleSettings> roles = Map.of(
        "batch-runner", new RoleSettings("batch-runner", List.of("gpt-4o-mini"), 2048, List.of("batch"), 600, null),
        "analyst", new RoleSettings("analyst", List.of("gpt-4o"), 4096, List.of("interactive"), 60, null));
    verifier = new JwtVerifier(List.of(internal, partner, shared), roles, s -> null, null);
  }

  private static JWTClaimsSet.Builder claims(String issuer) {
    return new JWTClaimsSet.Builder().issuer(issuer).audience("guardstream").subject("alice")
        .issueTime(new Date(NOW - 1_000)).expirationTime(new Date(NOW + 60_000));
  }

  private static String sign(JWSAlgorithm alg, String kid, JOSEObjectType typ, JWTClaimsSet claims, JWSSigner signer)
      throws Exception {
    var jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(typ).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static Principal accepted(String token) {
    AuthResult result = verifier.verify(token, NOW);
    assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
    return ((AuthResult.Authenticated) result).principal();
  }

  private static String refusal(String token) {
    AuthResult result = verifier.verify(token, NOW);
    assertThat(result).isInstanceOf(AuthResult.Denied.class);
    return ((AuthResult.Denied) result).reason();
  }

  @Test
  void shouldVerifyEachIssuersTokensWithThatIssuersOwnSettings() throws Exception {
    Principal internal = accepted(sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://idp.internal").build(),
        new RSASSASigner(internalKey)));
    assertThat(internal.id()).isEqualTo("https://idp.internal|alice");
    Principal partner = accepted(sign(JWSAlgorithm.RS256, "partner-1", new JOSEObjectType("at+jwt"),
        claims("https://partner.example").claim("org", "partner-co").build(), new RSASSASigner(partnerKey)));
    assertThat(partner.id()).isEqualTo("https://partner.example|alice");
    assertThat(partner.tenant()).isEqualTo("partner-co");
  }

  @Test
  void shouldRefuseATokenClaimingOneIssuerButSignedWithAnothersKey() throws Exception {
    assertThat(refusal(sign(JWSAlgorithm.RS256, "partner-1", null, claims("https://idp.internal").build(),
        new RSASSASigner(partnerKey)))).contains("rejected");
    assertThat(refusal(sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://unknown.example").build(),
        new RSASSASigner(internalKey)))).contains("trusted issuer");
  }

  @Test
  void shouldAcceptEdDsaTokensFromAnIssuerThatAllowsThem() throws Exception {
    accepted(sign(JWSAlgorithm.EdDSA, "ed-1", null, claims("https://idp.internal").build(), new Ed25519Signer(edKey)));
  }

  @Test
  void shouldAcceptHs256OnlyFromTheIssuerWithASharedSecretAndOnlyWithThatSecret() throws Exception {
    accepted(sign(JWSAlgorithm.HS256, null, null, claims("https://hs.example").build(), new MACSigner(HMAC_SECRET)));
    byte[] wrong = HMAC_SECRET.clone();
    wrong[0] ^= 1;
    refusal(sign(JWSAlgorithm.HS256, null, null, claims("https://hs.example").build(), new MACSigner(wrong)));
    // an asymmetric issuer never takes HS256, whatever the secret
    refusal(sign(JWSAlgorithm.HS256, "internal-1", null, claims("https://idp.internal").build(), new MACSigner(HMAC_SECRET)));
  }

  @Test
  void shouldRefuseATokenIssuedInTheFutureBeyondTheClockSkew() throws Exception {
    assertThat(refusal(sign(JWSAlgorithm.RS256, "internal-1", null,
        claims("https://idp.internal").issueTime(new Date(NOW + 120_000)).build(), new RSASSASigner(internalKey))))
        .contains("iat");
    accepted(sign(JWSAlgorithm.RS256, "internal-1", null,
        claims("https://idp.internal").issueTime(new Date(NOW + 10_000)).build(), new RSASSASigner(internalKey)));
  }

  @Test
  void shouldRequireTheAccessTokenTypeWhereTheIssuerIsConfiguredForIt() throws Exception {
    refusal(sign(JWSAlgorithm.RS256, "partner-1", JOSEObjectType.JWT, claims("https://partner.example").build(),
        new RSASSASigner(partnerKey)));
  }

  @Test
  void shouldMapScopesToTheSamePermissionsAsApiKeys() throws Exception {
    Principal batch = accepted(sign(JWSAlgorithm.RS256, "internal-1", null,
        claims("https://idp.internal").claim("scope", "openid batch-runner unknown-scope").build(), new RSASSASigner(internalKey)));
    assertThat(batch.allowedModels()).containsExactly("gpt-4o-mini");
    assertThat(batch.maxTokens()).isEqualTo(2048);
    assertThat(batch.workloads()).containsExactly("batch");
    assertThat(batch.requestsPerMinute()).isEqualTo(600);

    Principal both = accepted(sign(JWSAlgorithm.RS256, "partner-1", new JOSEObjectType("at+jwt"),
        claims("https://partner.example").claim("roles", List.of("batch-runner", "analyst")).build(), new RSASSASigner(partnerKey)));
    assertThat(both.allowedModels()).containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o");
    assertThat(both.maxTokens()).isEqualTo(4096);
    assertThat(both.workloads()).containsExactlyInAnyOrder("batch", "interactive");

    Principal none = accepted(sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://idp.internal").build(),
        new RSASSASigner(internalKey)));
    assertThat(none.allowedModels()).isNull();
    assertThat(none.maxTokens()).isNull();
  }

  /** Keys from a "remote" source that counts its lookups and can be taken down. */
  private static final class CountingKeys implements JWKSource<SecurityContext> {
    final JWKSet keys;
    final AtomicInteger lookups = new AtomicInteger();
    volatile boolean down;

    CountingKeys(JWKSet keys) {
      this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
      lookups.incrementAndGet();
      if (down) {
        throw new KeySourceException("JWKS endpoint unreachable");
      }
      return selector.select(keys);
    }
  }

  private static JwtVerifier remote(CountingKeys keys, VerifiedTokenCache<Principal> cache) {
    IssuerSettings settings = new IssuerSettings("remote", "https://remote.example", "guardstream", null,
        URI.create("https://remote.example/jwks.json"), Set.of("RS256"), null, 30, null, "models", "scope", "tenant");
    return new JwtVerifier(List.of(settings), Map.of(), s -> keys, cache);
  }

  @Test
  void shouldVerifyARepeatedTokenOnceAndServeItFromTheCacheUntilItExpires() throws Exception {
    var keys = new CountingKeys(new JWKSet(internalKey.toPublicJWK()));
    JwtVerifier cached = remote(keys, new VerifiedTokenCache<>(1000, Duration.ofMinutes(5)));
    String token = sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://remote.example").build(),
        new RSASSASigner(internalKey));
    for (int i = 0; i < 5; i++) {
      assertThat(cached.verify(token, NOW + i)).isInstanceOf(AuthResult.Authenticated.class);
    }
    assertThat(keys.lookups).hasValue(1);
    // past exp the cached verdict is gone and the token is checked, and refused, again
    assertThat(cached.verify(token, NOW + 120_000)).isInstanceOf(AuthResult.Denied.class);
    assertThat(keys.lookups).hasValue(2);
  }

  @Test
  void shouldAnswerUnavailableNotDeniedWhenTheIssuersKeysCannotBeFetched() throws Exception {
    var keys = new CountingKeys(new JWKSet(internalKey.toPublicJWK()));
    keys.down = true;
    String token = sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://remote.example").build(),
        new RSASSASigner(internalKey));
    assertThat(remote(keys, null).verify(token, NOW)).isInstanceOf(AuthResult.Unavailable.class);
  }

  private static String internal(JWSHeader.Builder header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
    var jwt = new SignedJWT(header.build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  @Test
  void shouldRefuseUnsignedBadlySignedAndUnknownKeyTokens() throws Exception {
    String claimsPart = Base64URL.encode(claims("https://idp.internal").build().toString()).toString();
    for (String alg : List.of("none", "None", "NONE")) {
      refusal(Base64URL.encode("{\"alg\":\"" + alg + "\"}").toString() + "." + claimsPart + ".");
    }
    String good = sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://idp.internal").build(), new RSASSASigner(internalKey));
    char last = good.charAt(good.length() - 2);
    refusal(good.substring(0, good.length() - 2) + (last == 'A' ? 'B' : 'A') + good.charAt(good.length() - 1));
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("internal-1").generate();
    refusal(sign(JWSAlgorithm.RS256, "internal-1", null, claims("https://idp.internal").build(), new RSASSASigner(stranger)));
    refusal(sign(JWSAlgorithm.RS256, "nope", null, claims("https://idp.internal").build(), new RSASSASigner(internalKey)));
    refusal(sign(JWSAlgorithm.RS256, "../../etc/passwd", null, claims("https://idp.internal").build(), new RSASSASigner(internalKey)));
  }

  @Test
  void shouldNeverTrustKeysTheTokenPointsAtItself() throws Exception {
    RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
    JWTClaimsSet c = claims("https://idp.internal").build();
    refusal(internal(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").jwk(attacker.toPublicJWK()), c,
        new RSASSASigner(attacker)));
    refusal(internal(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
        .jwkURL(URI.create("https://attacker.example/jwks.json")), c, new RSASSASigner(attacker)));
    refusal(internal(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
        .x509CertURL(URI.create("https://attacker.example/cert.pem")), c, new RSASSASigner(attacker)));
    // the attacker's key in the header, but the kid of a trusted key: still only the trusted key verifies
    refusal(internal(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("internal-1").jwk(attacker.toPublicJWK()), c,
        new RSASSASigner(attacker)));
  }

  @Test
  void shouldRefuseUnknownCriticalHeadersNotBeforeMissingClaimsJweAndGarbage() throws Exception {
    refusal(internal(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("internal-1").criticalParams(Set.of("x-policy"))
        .customParam("x-policy", "lenient"), claims("https://idp.internal").build(), new RSASSASigner(internalKey)));
    refusal(sign(JWSAlgorithm.RS256, "internal-1", null,
        claims("https://idp.internal").notBeforeTime(new Date(NOW + 120_000)).build(), new RSASSASigner(internalKey)));
    refusal(sign(JWSAlgorithm.RS256, "internal-1", null,
        new JWTClaimsSet.Builder().issuer("https://idp.internal").audience("guardstream")
            .expirationTime(new Date(NOW + 60_000)).build(), new RSASSASigner(internalKey)));
    // a compact JWE has five parts; encrypted or nested tokens are not accepted
    refusal("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d");
    refusal("abc.def.ghi");
    refusal(Base64URL.encode("{\"alg\":\"RS256\"}") + "." + Base64URL.encode("not json") + ".c2ln");
    String huge = sign(JWSAlgorithm.RS256, "internal-1", null,
        claims("https://idp.internal").claim("pad", "x".repeat(9000)).build(), new RSASSASigner(internalKey));
    assertThat(refusal(huge)).contains("longer than");
  }
}
