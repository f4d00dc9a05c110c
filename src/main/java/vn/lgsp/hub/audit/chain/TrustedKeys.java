package vn.lgsp.hub.audit.chain;

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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seal certificates a verification accepts, by key id (the SHA-256 of the certificate, hex). Trust
 * comes from outside the database: the hub's own key, certificates given in configuration, or
 * the ones an auditor passes to the verification command. A seal by any other key is a forgery.
 */
public final class TrustedKeys {

  /** Standard Base64 with its padding, as the format writes signatures; Java's decoder alone would also take it unpadded. */
  private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  private final Map<String, X509Certificate> byKeyId = new LinkedHashMap<>();
  private final Set<String> trustedIds = new LinkedHashSet<>();

  public TrustedKeys(Collection<X509Certificate> certificates) {
    this(certificates, Set.of());
  }

  /**
   * Trusts {@code certificates} and the keys whose ids are {@code keyIds} (fingerprints given without
   * their certificate: a file that carries the certificate of such a key can be checked with it).
   */
  public TrustedKeys(Collection<X509Certificate> certificates, Collection<String> keyIds) {
    certificates.forEach(c -> byKeyId.put(keyId(c), c));
    trustedIds.addAll(byKeyId.keySet());
    trustedIds.addAll(keyIds);
  }

  /** Whether the key {@code keyId} is trusted (a trust anchor). */
  public boolean trusts(String keyId) {
    return keyId != null && trustedIds.contains(keyId);
  }

  /** The trusted certificates, by key id. */
  public Map<String, X509Certificate> certificates() {
    return Map.copyOf(byKeyId);
  }

  /** Whether {@code signature} (Base64) is a valid signature of {@code text} by a trusted key. */
  public boolean verify(String keyId, String text, String signature) {
    return keyId != null && verifies(byKeyId.get(keyId), text, signature);
  }

  /**
   * Whether {@code signature}, padded standard Base64 of a DER ECDSA signature, is the signature of
   * {@code text} (UTF-8) with SHA-256 by {@code certificate}'s key (docs/EVIDENCE-FORMAT.md, section 4).
   */
  public static boolean verifies(X509Certificate certificate, String text, String signature) {
    if (certificate == null || signature == null || !BASE64.matcher(signature).matches()) {
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
