package io.guardstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.guardstream.messages.ApiKeyRecord;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {

  private static RSAKey rsa;
  private static ECKey ec;
  private static Authenticator authenticator;
  private static final KeyHasher HASHER = new KeyHasher(new byte[32]);

  @BeforeAll
  static void keys(@TempDir Path dir) throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    var jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
    authenticator = new Authenticator(HASHER, new JwtVerifier(List.of(Issuers.withJwks("https://idp", jwks, dir)), Map.of(), s -> null, null));
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer("https://idp").audience("guardstream").subject("alice")
        .expirationTime(new Date(System.currentTimeMillis() + 60_000)).claim("models", List.of("gpt-4o"));
  }

  private static AuthResult verify(String token) {
    return authenticator.authenticate(Credential.fromAuthorizationHeader("Bearer " + token), id -> null,
        System.currentTimeMillis());
  }

  @Test
  void shouldAcceptRs256AndEs256TokensFromTheTrustedIssuer() throws Exception {
    var rs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims().build());
    rs.sign(new RSASSASigner(rsa));
    var es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
    es.sign(new ECDSASigner(ec));
    for (String token : List.of(rs.serialize(), es.serialize())) {
      var result = verify(token);
      assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
      var principal = ((AuthResult.Authenticated) result).principal();
      assertThat(principal.id()).isEqualTo("https://idp|alice");
      assertThat(principal.allowedModels()).containsExactly("gpt-4o");
    }
  }

  @Test
  void shouldAcceptRfc9068AccessTokensAndRefuseTokensTypedForSomethingElse() throws Exception {
    var access = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
        .type(new JOSEObjectType("at+jwt")).build(), claims().build());
    access.sign(new RSASSASigner(rsa));
    assertThat(verify(access.serialize())).isInstanceOf(AuthResult.Authenticated.class);
    var logout = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
        .type(new JOSEObjectType("logout+jwt")).build(), claims().build());
    logout.sign(new RSASSASigner(rsa));
    assertThat(verify(logout.serialize())).isInstanceOf(AuthResult.Denied.class);
  }

  @Test
  void shouldJudgeExpiryByTheClockItIsGivenNotTheWallClock() throws Exception {
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims().build());
    jwt.sign(new RSASSASigner(rsa));
    var credential = Credential.fromAuthorizationHeader("Bearer " + jwt.serialize());
    long inTwoHours = System.currentTimeMillis() + 7_200_000;
    assertThat(authenticator.authenticate(credential, id -> null, inTwoHours)).isInstanceOf(AuthResult.Denied.class);
    assertThat(authenticator.authenticate(credential, id -> null, System.currentTimeMillis()))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void shouldRejectUnsignedToken() {
    var plain = new PlainJWT(claims().build());
    assertThat(verify(plain.serialize() + "")).isInstanceOf(AuthResult.Denied.class);
  }

  @Test
  void shouldRejectTokenSignedWithPublicKeyAsHmacSecret() throws Exception {
    // the classic algorithm-confusion attack: HS256 keyed with the RSA public key's bytes
    byte[] publicKeyAsSecret = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
    forged.sign(new MACSigner(java.util.Arrays.copyOf(publicKeyAsSecret, 64)));
    assertThat(verify(forged.serialize())).isInstanceOf(AuthResult.Denied.class);
  }

  @Test
  void shouldRejectWrongIssuerWrongAudienceExpiredAndTamperedTokens() throws Exception {
    for (JWTClaimsSet c : List.of(
        claims().issuer("https://evil").build(),
        claims().audience("other").build(),
        claims().expirationTime(new Date(System.currentTimeMillis() - 120_000)).build())) {
      var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(JOSEObjectType.JWT).build(), c);
      jwt.sign(new RSASSASigner(rsa));
      assertThat(verify(jwt.serialize())).as(c.toString()).isInstanceOf(AuthResult.Denied.class);
    }
    var good = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims().build());
    good.sign(new RSASSASigner(rsa));
    String[] parts = good.serialize().split("\\.");
    String tampered = parts[0] + "." + Base64URL.encode(claims().subject("admin").build().toString()) + "." + parts[2];
    assertThat(verify(tampered)).isInstanceOf(AuthResult.Denied.class);
  }

  @Test
  void shouldReportExpiryWithItsOwnCode() throws Exception {
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
        claims().expirationTime(new Date(System.currentTimeMillis() - 120_000)).build());
    jwt.sign(new RSASSASigner(rsa));
    assertThat(((AuthResult.Denied) verify(jwt.serialize())).code()).isEqualTo("token_expired");
  }

  @Test
  void shouldAcceptActiveKeyAndRejectWrongSecretRevokedAndExpiredKeysAlike() {
    String key = ApiKeys.generate();
    String id = ApiKeys.keyId(key);
    var active = new ApiKeyRecord(id, HASHER.hash(key), "p", "t", null, null, ApiKeyRecord.ACTIVE, 0L, null);
    Credential presented = Credential.fromAuthorizationHeader("Bearer " + key);
    assertThat(authenticator.authenticate(presented, Map.of(id, active)::get, 1000))
        .isInstanceOf(AuthResult.Authenticated.class);

    String other = ApiKeys.generate();
    String sameIdOtherSecret = ApiKeys.assemble(id, other.substring(18, 51));
    var wrong = authenticator.authenticate(Credential.fromAuthorizationHeader("Bearer " + sameIdOtherSecret),
        Map.of(id, active)::get, 1000);
    var unknown = authenticator.authenticate(Credential.fromAuthorizationHeader("Bearer " + other), Map.of(id, active)::get, 1000);
    // an unknown id and a wrong secret must look the same, or key ids can be enumerated
    assertThat(wrong).isEqualTo(unknown).isEqualTo(new AuthResult.Denied("invalid_api_key", "API key is not valid"));

    var revoked = new ApiKeyRecord(id, HASHER.hash(key), "p", "t", null, null, ApiKeyRecord.REVOKED, 0L, null);
    assertThat(authenticator.authenticate(presented, Map.of(id, revoked)::get, 1000)).isInstanceOf(AuthResult.Denied.class);
    var expired = new ApiKeyRecord(id, HASHER.hash(key), "p", "t", null, null, ApiKeyRecord.ACTIVE, 0L, 999L);
    assertThat(authenticator.authenticate(presented, Map.of(id, expired)::get, 1000)).isInstanceOf(AuthResult.Denied.class);
  }

  @Test
  void shouldRefuseAMistypedKeyByItsChecksumBeforeAnyLookup() {
    String key = ApiKeys.generate();
    int i = 20;
    char typo = key.charAt(i) == 'a' ? 'b' : 'a';
    String mistyped = key.substring(0, i) + typo + key.substring(i + 1);
    Credential credential = Credential.fromAuthorizationHeader("Bearer " + mistyped);
    assertThat(credential.kind()).isEqualTo(Credential.Kind.MALFORMED_API_KEY);
    var result = authenticator.authenticate(credential, id -> {
      throw new AssertionError("a malformed key must not reach the registry");
    }, 0);
    assertThat(((AuthResult.Denied) result).code()).isEqualTo("invalid_api_key");
    assertThat(Credential.fromAuthorizationHeader("Bearer " + key.substring(0, key.length() - 1)).kind())
        .isEqualTo(Credential.Kind.MALFORMED_API_KEY);
  }

  @Test
  void shouldNeverShowTheSecretOfACredential() {
    String key = ApiKeys.generate();
    assertThat(Credential.fromAuthorizationHeader("Bearer " + key).toString()).doesNotContain(key.substring(17));
  }

  @Test
  void shouldStoreOnlyTheHashAndRecogniseWellFormedKeys() {
    String key = ApiKeys.generate();
    assertThat(key).matches("gstk_[0-9A-Za-z]{12}_[0-9A-Za-z]{39}");
    assertThat(HASHER.hash(key)).matches("hmac-sha256:[0-9a-f]{64}").doesNotContain(key);
    assertThat(HASHER.matches(key, HASHER.hash(key))).isTrue();
    byte[] otherPepper = new byte[32];
    otherPepper[0] = 1;
    // without the pepper, a copy of the registry cannot confirm a guessed or leaked key
    assertThat(new KeyHasher(otherPepper).matches(key, HASHER.hash(key))).isFalse();
    assertThat(Credential.fromAuthorizationHeader("Bearer " + key.substring(1)).kind()).isEqualTo(Credential.Kind.OPAQUE_TOKEN);
    assertThat(Credential.fromAuthorizationHeader("Bearer not a token").kind()).isEqualTo(Credential.Kind.UNSUPPORTED);
    assertThat(Credential.fromAuthorizationHeader("Basic abc").kind()).isEqualTo(Credential.Kind.UNSUPPORTED);
    assertThat(Credential.fromAuthorizationHeader(null).kind()).isEqualTo(Credential.Kind.MISSING);
  }

  @Test
  void shouldRefuseARequestCarryingMoreThanOneAuthorizationHeader() {
    String key = ApiKeys.generate();
    Credential twice = Credential.fromAuthorizationHeaders(List.of("Bearer " + key, "Bearer " + key));
    assertThat(twice.kind()).isEqualTo(Credential.Kind.AMBIGUOUS);
    assertThat(((AuthResult.Denied) authenticator.authenticate(twice, id -> {
      throw new AssertionError("an ambiguous request must not reach the registry");
    }, 0)).reason()).contains("exactly one");
    assertThat(Credential.fromAuthorizationHeaders(List.of()).kind()).isEqualTo(Credential.Kind.MISSING);
    assertThat(Credential.fromAuthorizationHeaders(List.of("")).kind()).isEqualTo(Credential.Kind.MISSING);
    assertThat(Credential.fromAuthorizationHeaders(List.of("Bearer ")).kind()).isEqualTo(Credential.Kind.UNSUPPORTED);
  }
}
