package vn.lgsp.hub.edge;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;

/**
 * The keys that sign the hub's answers ({@link AnswerSigning}) as a JWK Set (RFC 7517) at the well-known place
 * of HTTP message signature keys: each key with its {@code kid} (the {@code keyid} of the signatures it made) and
 * its certificate ({@code x5c}), whose fingerprint the operator publishes out of band. The signing key comes
 * first; after a rotation the earlier keys follow ({@code hub.audit.seal.trusted-certificates}, the seal's
 * rotation), so that answers signed before it still verify against what the hub publishes.
 */
@RestController
public class SignatureKeys {

  public static final String PATH = "/.well-known/http-message-signatures-directory";
  private static final MediaType JWK_SET = MediaType.parseMediaType("application/http-message-signatures-directory+json");

  private final SealKey key;
  private final TrustedKeys trusted;

  public SignatureKeys(SealKey key, TrustedKeys trustedSealKeys) {
    this.key = key;
    this.trusted = trustedSealKeys;
  }

  @GetMapping(PATH)
  public ResponseEntity<Map<String, Object>> keys() throws CertificateEncodingException {
    List<Map<String, Object>> keys = new ArrayList<>();
    keys.add(jwk(key.keyId(), key.certificate()));
    for (Map.Entry<String, X509Certificate> earlier : new TreeMap<>(trusted.certificates()).entrySet()) {
      if (!earlier.getKey().equals(key.keyId()) && SignatureAlgorithms.isEcdsaP256(earlier.getValue().getPublicKey())) {
        keys.add(jwk(earlier.getKey(), earlier.getValue()));
      }
    }
    return ResponseEntity.ok().contentType(JWK_SET).body(Map.of("keys", keys));
  }

  private static Map<String, Object> jwk(String keyId, X509Certificate certificate) throws CertificateEncodingException {
    ECPublicKey ec = (ECPublicKey) certificate.getPublicKey();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "EC");
    jwk.put("crv", "P-256");
    jwk.put("x", coordinate(ec.getW().getAffineX()));
    jwk.put("y", coordinate(ec.getW().getAffineY()));
    jwk.put("kid", keyId);
    jwk.put("use", "sig");
    jwk.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
    return jwk;
  }

  /** A P-256 coordinate as JWK writes it: 32 bytes, big-endian, base64url without padding. */
  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
