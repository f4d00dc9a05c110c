package vn.lgsp.hub.protocol.signatures;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public keys as configuration gives them: PEM, a bare key ({@code PUBLIC KEY}) or a {@code CERTIFICATE}; or the
 * Base64 of a certificate's DER on one line (where a value is put into a file line by line, as in a connector
 * descriptor).
 */
public final class PublicKeys {

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PublicKeys() {}

  /**
   * The key in {@code pem}, one an HTTP message signature can be made with (EC P-256 or Ed25519).
   *
   * @throws IllegalArgumentException when the text holds no such key
   */
  public static PublicKey read(String pem) {
    String text = pem == null ? "" : pem.strip();
    Matcher m = PEM.matcher(text);
    boolean bare = !m.matches();
    if (bare && !text.matches("[A-Za-z0-9+/]+={0,2}")) {
      throw new IllegalArgumentException("not a PEM public key or certificate, nor a certificate in Base64");
    }
    byte[] der = Base64.getMimeDecoder().decode(bare ? text : m.group(2));
    PublicKey key;
    try {
      key = bare || m.group(1).equals("CERTIFICATE")
          ? CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey()
          : decode(der);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the PEM holds no readable key (" + e.getClass().getSimpleName() + ")", e);
    }
    SignatureAlgorithms.of(key);
    return key;
  }

  private static PublicKey decode(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
