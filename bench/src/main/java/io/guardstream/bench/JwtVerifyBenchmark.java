package io.guardstream.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guardstream.auth.AuthResult;
import io.guardstream.auth.JwtVerifier;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Full JWT verification through {@link JwtVerifier}, every call from scratch (no verified-token
 * cache): parse, header type and algorithm allowlist, key selection from a JWKS holding an RSA 2048
 * and an EC P-256 key, signature, then issuer, audience, expiry and required claims. 64 tokens for 64
 * subjects, signed at setup.
 */
public class JwtVerifyBenchmark extends SuiteSettings {

  private static final int TOKENS = 64;
  private static final String ISSUER = "https://idp.example.com";
  private static final String AUDIENCE = "guardstream";

  @Param({"RS256", "ES256"})
  public String algorithm;

  private final String[] tokens = new String[TOKENS];
  private JwtVerifier verifier;
  private long now;
  private int next;

  @Setup
  public void setUp() throws JOSEException {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    verifier = new JwtVerifier(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())), ISSUER, AUDIENCE, 30, "models");
    now = System.currentTimeMillis();
    JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
    JWSSigner signer = alg.equals(JWSAlgorithm.RS256) ? new RSASSASigner(rsa) : new ECDSASigner(ec);
    String keyId = alg.equals(JWSAlgorithm.RS256) ? rsa.getKeyID() : ec.getKeyID();
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
