package io.guardstream.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guardstream.auth.AuthResult;
import io.guardstream.auth.JwtVerifier;
import io.guardstream.auth.remote.VerifiedTokenCache;
import io.guardstream.config.IssuerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Full JWT verification through {@link JwtVerifier}, from scratch (cache off) or through the
 * verified-token cache (cache on, the 64 tokens repeating as a batch client's would): parse, header type and algorithm allowlist, key selection from a JWKS holding an RSA 2048,
 * an EC P-256 and an Ed25519 key (EdDSA goes through Guardstream's own OKP key selector), signature, then
 * issuer, audience, expiry and required claims. 64 tokens for 64 subjects, signed at setup.
 */
public class JwtVerifyBenchmark extends SuiteSettings {

  private static final int TOKENS = 64;
  private static final String ISSUER = "https://idp.example.com";
  private static final String AUDIENCE = "guardstream";

  @Param({"RS256", "ES256", "EdDSA"})
  public String algorithm;

  /** With the verified-token cache, a repeated token skips its signature check. */
  @Param({"off", "on"})
  public String cache;

  private final String[] tokens = new String[TOKENS];
  private JwtVerifier verifier;
  private long now;
  private int next;

  @Setup
  public void setUp() throws JOSEException {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
    var keys = new ImmutableJWKSet<SecurityContext>(
        new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK(), ed.toPublicJWK())));
    var issuer = new IssuerSettings("bench", ISSUER, AUDIENCE, null, URI.create(ISSUER + "/jwks.json"),
        Set.of("RS256", "ES256", "EdDSA"), null, 30, null, "models", "scope", "tenant");
    verifier = new JwtVerifier(List.of(issuer), Map.of(), settings -> keys,
        cache.equals("on") ? new VerifiedTokenCache<>(10_000, Duration.ofMinutes(5)) : null);
    now = System.currentTimeMillis();
    JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
    JWSSigner signer = switch (algorithm) {
      case "RS256" -> new RSASSASigner(rsa);
      case "ES256" -> new ECDSASigner(ec);
      default -> new Ed25519Signer(ed);
    };
    String keyId = switch (algorithm) {
      case "RS256" -> rsa.getKeyID();
      case "ES256" -> ec.getKeyID();
      default -> ed.getKeyID();
    };
    for (int i = 0; i < TOKENS; i++) {
      var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("bench-svc-" + i)
          .issueTime(new Date(now)).expirationTime(new Date(now + TimeUnit.HOURS.toMillis(6)))
          .claim("tenant", "bench").claim("models", List.of("gpt-4o-mini", "gpt-4o")).build();
      var jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claims);
      jwt.sign(signer);
      tokens[i] = jwt.serialize();
    }
    Benchmarks.require(verify() instanceof AuthResult.Authenticated, "a signed token must verify");
  }

  @Benchmark
  public AuthResult verify() {
    return verifier.verify(tokens[next++ & (TOKENS - 1)], now);
  }
}
