package io.guardstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * EdDSA (Ed25519) for nimbus' {@code DefaultJWTProcessor}, which hands verifiers a
 * {@link java.security.Key}: an Ed25519 JWK has no such form in nimbus, so a JWKS with one would
 * silently match nothing. An Ed25519 public JWK travels wrapped in {@link OkpKey} from the key
 * selector to the verifier factory; every other check of the processor (type, claims, critical
 * headers) stays as it is.
 */
final class EdDsaKeys {

  private static final Set<JWSAlgorithm> EDDSA = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

  private EdDsaKeys() {}

  /** An Ed25519 public JWK passed through the processor as a key. */
  static final class OkpKey implements PublicKey {
    private static final long serialVersionUID = 1L;
    private final transient OctetKeyPair jwk;

    OkpKey(OctetKeyPair jwk) {
      this.jwk = jwk;
    }

    @Override
    public String getAlgorithm() {
      return "Ed25519";
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }

  /** Selects keys for the allowed algorithms; Ed25519 JWKs come back as {@link OkpKey}. */
  static JWSKeySelector<SecurityContext> keySelector(Set<JWSAlgorithm> allowed, JWKSource<SecurityContext> source) {
    var others = new JWSVerificationKeySelector<>(allowed, source);
    return (header, context) -> {
      if (!EDDSA.contains(header.getAlgorithm())) {
        return others.selectJWSKeys(header, context);
      }
      if (!allowed.contains(header.getAlgorithm())) {
        return List.of();
      }
      return ed25519Keys(header, source, context);
    };
  }

  private static List<Key> ed25519Keys(JWSHeader header, JWKSource<SecurityContext> source, SecurityContext context)
      throws KeySourceException {
    JWKMatcher matcher = new JWKMatcher.Builder(JWKMatcher.forJWSHeader(header)).curve(Curve.Ed25519).build();
    List<Key> keys = new ArrayList<>();
    for (JWK jwk : source.get(new JWKSelector(matcher), context)) {
      if (jwk instanceof OctetKeyPair okp && !okp.isPrivate()) {
        keys.add(new OkpKey(okp));
      }
    }
    return keys;
  }

  /** Builds the Ed25519 verifier for an {@link OkpKey}, nimbus' default verifier for any other key. */
  static final class VerifierFactory extends DefaultJWSVerifierFactory {
    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
      if (key instanceof OkpKey okp) {
        return new Ed25519Verifier(okp.jwk);
      }
      return super.createJWSVerifier(header, key);
    }
  }
}
