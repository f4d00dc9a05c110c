package vn.lgsp.hub.audit.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;

/**
 * The hub's seal key: signs the chain head (seals) and export files. It lives in a PKCS#12
 * keystore named by configuration; the embedded default creates one in its data directory on first
 * start (EC P-256, self-signed certificate, file readable by the hub's user only). Third parties
 * verify with the certificate, which {@code GET /admin/api/exchange-log/certificate} serves.
 */
@Component
public class SealKey {

  public static final String ALGORITHM = "SHA256withECDSA";

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final String keyId;

  public SealKey(AuditProperties audit, HubProperties hub) {
    AuditProperties.Seal seal = audit.seal();
    Path file = seal.keystore() != null ? seal.keystore() : hub.dataDir().resolve("keys").resolve("exchange-log-seal.p12");
    char[] password = seal.keystorePassword().toCharArray();
    try {
      if (!Files.exists(file)) {
        if (!seal.createIfMissing()) {
          throw new IllegalStateException("hub.audit.seal.keystore: no keystore at " + file.toAbsolutePath());
        }
        create(file, seal.keyAlias(), password);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
      }
      if (!(store.getKey(seal.keyAlias(), password) instanceof PrivateKey privateKey)) {
        throw new IllegalStateException("hub.audit.seal: keystore " + file + " has no private key '" + seal.keyAlias() + "'");
      }
      this.key = privateKey;
      this.certificate = (X509Certificate) store.getCertificate(seal.keyAlias());
      this.keyId = TrustedKeys.keyId(certificate);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("hub.audit.seal: cannot open the seal keystore " + file.toAbsolutePath()
          + " (" + e.getClass().getSimpleName() + ": wrong password or not PKCS#12?)", e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return TrustedKeys.pem(certificate);
  }

  /** Base64 of the signature of {@code text} (UTF-8). */
  public String sign(String text) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the seal key", e);
    }
  }

  /**
   * The signature of {@code data} as HTTP Message Signatures (RFC 9421, {@code ecdsa-p256-sha256}) carry it: r and
   * s, 32 bytes each, not DER. The key must be EC P-256 (the one the hub creates is).
   */
  public byte[] signP1363(byte[] data) {
    return SignatureAlgorithms.sign(key, data);
  }


  private static void create(Path file, String alias, char[] password) throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=lgsp-hub exchange-log seal, O=lgsp-hub");
    Instant now = Instant.now();
    X509Certificate cert;
    try {
      cert = new JcaX509CertificateConverter().getCertificate(
          new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), subject,
              pair.getPublic())
              .build(new JcaContentSignerBuilder(ALGORITHM).build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert});
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "seal", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: rely on the directory's protection
    }
    try (OutputStream out = Files.newOutputStream(temp)) {
      store.store(out, password);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
