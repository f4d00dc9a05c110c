package vn.lgsp.hub.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's own test PKI, made at first start in the data directory (no private key is ever
 * committed): a CA, a server certificate for localhost and 127.0.0.1, and a client certificate per
 * sandbox consumer whose common name is its subsystem id, as mTLS maps it. All PKCS#12.
 */
public final class SandboxPki {

  /** The sandbox consumers that get a client certificate. */
  public static final List<String> CLIENTS = List.of("VN/GOV/UBND-HN/MOTCUA", "VN/GOV/UBND-HCM/MOTCUA",
      "VN/GOV/UBND-DN/MOTCUA", "VN/GOV/VPCP/DVCQG", "VN/GOV/BCA/DIEUTRA");

  public static final String SERVER = "server.p12";
  public static final String TRUST = "truststore.p12";
  private static final String CA = "ca.p12";
  private static final String ALGORITHM = "SHA256withECDSA";

  private SandboxPki() {}

  /** The keystore file of a client's certificate. */
  public static Path clientKeystore(Path dir, String subsystem) {
    return dir.resolve("client-" + subsystem.replace('/', '_') + ".p12");
  }

  /** Creates whatever of the PKI is missing in {@code dir}. */
  public static void ensure(Path dir, char[] password) {
    try {
      Files.createDirectories(dir);
      if (!Files.exists(dir.resolve(CA))) {
        KeyPair ca = keyPair();
        X500Name name = new X500Name("CN=lgsp-hub sandbox CA, O=lgsp-hub sandbox");
        X509Certificate caCert = sign(name, ca.getPublic(), name, ca.getPrivate(), true, null, null);
        store(dir.resolve(CA), "ca", ca.getPrivate(), password, caCert);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sandbox-ca", caCert);
        try (OutputStream out = Files.newOutputStream(dir.resolve(TRUST))) {
          trust.store(out, password);
        }
      }
      KeyStore caStore = load(dir.resolve(CA), password);
      PrivateKey caKey = (PrivateKey) caStore.getKey("ca", password);
      X509Certificate caCert = (X509Certificate) caStore.getCertificate("ca");
      X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
      if (!Files.exists(dir.resolve(SERVER))) {
        KeyPair server = keyPair();
        GeneralNames names = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        X509Certificate cert = sign(new X500Name("CN=localhost, O=lgsp-hub sandbox"), server.getPublic(), issuer, caKey,
            false, KeyPurposeId.id_kp_serverAuth, names);
        store(dir.resolve(SERVER), "hub", server.getPrivate(), password, cert, caCert);
      }
      for (String client : CLIENTS) {
        Path file = clientKeystore(dir, client);
        if (!Files.exists(file)) {
          KeyPair pair = keyPair();
          X509Certificate cert = sign(new X500Name("CN=" + client + ", O=lgsp-hub sandbox"), pair.getPublic(), issuer,
              caKey, false, KeyPurposeId.id_kp_clientAuth, null);
          store(file, "client", pair.getPrivate(), password, cert, caCert);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox PKI in " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the sandbox PKI", e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X500Name subject, java.security.PublicKey key, X500Name issuer, PrivateKey issuerKey,
      boolean ca, KeyPurposeId purpose, GeneralNames altNames)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(825))), subject, key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    if (purpose != null) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    if (altNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, altNames);
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(ALGORITHM).build(issuerKey)));
  }

  private static void store(Path file, String alias, PrivateKey key, char[] password, Certificate... chain)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, key, password, chain);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
  }

  public static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }
}
