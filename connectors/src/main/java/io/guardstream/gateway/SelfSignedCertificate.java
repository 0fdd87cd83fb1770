package io.guardstream.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, for the demo
 * and tests: the key is generated in memory and written only into a PKCS12 keystore protected by a
 * random password, both living as long as the process that made them. Clients trust exactly this
 * certificate ({@link #sslContext()}), or check its SHA-256 fingerprint.
 */
public final class SelfSignedCertificate {

  private static final String ALIAS = "gateway";

  private final X509Certificate certificate;
  private final Path keystore;
  private final String password;

  private SelfSignedCertificate(X509Certificate certificate, Path keystore, String password) {
    this.certificate = certificate;
    this.keystore = keystore;
    this.password = password;
  }

  /** Generates a P-256 key and a certificate valid for {@code validity}, and writes the keystore into {@code dir}. */
  public static SelfSignedCertificate generate(Path dir, Duration validity) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X509Certificate certificate = sign(keys, validity);
      byte[] secret = new byte[24];
      SecureRandom random = new SecureRandom();
      random.nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
      Files.createDirectories(dir);
      Path keystore = dir.resolve("gateway.p12");
      try (OutputStream out = Files.newOutputStream(keystore)) {
        store.store(out, password.toCharArray());
      }
      return new SelfSignedCertificate(certificate, keystore, password);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(KeyPair keys, Duration validity)
      throws CertIOException, OperatorCreationException, GeneralSecurityException {
    X500Name name = new X500Name("CN=localhost, O=Guardstream demo");
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, keys.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.iPAddress, "::1")}));
    // its own issuer: curl and OpenSSL accept it with --cacert only when it may sign certificates
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  /** The server side: where the keystore is and how to open it. */
  public GatewayConfig.Tls tls() {
    return new GatewayConfig.Tls(keystore, "PKCS12", password);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The SHA-256 fingerprint as OpenSSL prints it: {@code AB:CD:...}. */
  public String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Writes the certificate (public, no key) as PEM, for {@code curl --cacert}. */
  public Path writeCertificatePem(Path file) {
    try {
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write the certificate to " + file + ": " + e.getMessage(), e);
    }
  }

  /** A trust manager that trusts this certificate and nothing else. */
  public X509TrustManager trustManager() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry(ALIAS, certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return (X509TrustManager) factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust manager: " + e.getMessage(), e);
    }
  }

  /** A client TLS context that trusts this certificate and nothing else. */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SelfSignedCertificate[" + certificate.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT)
        + ", sha256=" + sha256Fingerprint() + "]";
  }
}
