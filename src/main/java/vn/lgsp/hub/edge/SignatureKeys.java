package vn.lgsp.hub.edge;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.audit.chain.SealKey;

/**
 * The keys that sign the hub's answers ({@link AnswerSigning}) as a JWK Set (RFC 7517) at the well-known place
 * of HTTP message signature keys: each key with its {@code kid} (the {@code keyid} of the signatures it made) and
 * its certificate ({@code x5c}), whose fingerprint the operator publishes out of band.
 */
@RestController
public class SignatureKeys {

  public static final String PATH = "/.well-known/http-message-signatures-directory";
  private static final MediaType JWK_SET = MediaType.parseMediaType("application/http-message-signatures-directory+json");

  private final SealKey key;

  public SignatureKeys(SealKey key) {
    this.key = key;
  }

  @GetMapping(PATH)
  public ResponseEntity<Map<String, Object>> keys() throws CertificateEncodingException {
    ECPublicKey ec = (ECPublicKey) key.certificate().getPublicKey();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "EC");
    jwk.put("crv", "P-256");
    jwk.put("x", coordinate(ec.getW().getAffineX()));
    jwk.put("y", coordinate(ec.getW().getAffineY()));
    jwk.put("kid", key.keyId());
    jwk.put("use", "sig");
    jwk.put("x5c", List.of(Base64.getEncoder().encodeToString(key.certificate().getEncoded())));
    return ResponseEntity.ok().contentType(JWK_SET).body(Map.of("keys", List.of(jwk)));
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
