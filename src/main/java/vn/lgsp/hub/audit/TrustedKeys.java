package vn.lgsp.hub.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seal certificates a verification accepts, by key id (the SHA-256 of the certificate). Trust
 * comes from outside the database: the hub's own key, certificates given in configuration, or
 * the ones an auditor passes to the verification command. A seal by any other key is a forgery.
 */
public final class TrustedKeys {

  private final Map<String, X509Certificate> byKeyId = new LinkedHashMap<>();

  public TrustedKeys(Collection<X509Certificate> certificates) {
    certificates.forEach(c -> byKeyId.put(keyId(c), c));
  }

  /** Whether {@code signature} (Base64) is a valid signature of {@code text} by a trusted key. */
  public boolean verify(String keyId, String text, String signature) {
    X509Certificate certificate = keyId == null ? null : byKeyId.get(keyId);
    if (certificate == null || signature == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(SealKey.ALGORITHM);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(text.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public static String keyId(X509Certificate certificate) {
    try {
      return ChainHash.sha256Hex(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("unreadable certificate", e);
    }
  }

  public static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("unreadable certificate", e);
    }
  }

  public static X509Certificate parsePem(String pem) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate", e);
    }
  }

  public static X509Certificate read(Path file) {
    try {
      return parsePem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }
}
