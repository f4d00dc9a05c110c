package vn.lgsp.hub.connectors;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests for backends that accept only the hub's: HMAC-SHA256 over {@code METHOD \n
 * PATH \n TIMESTAMP \n hex(SHA-256(body))}. The timestamp (epoch seconds) lets the backend refuse
 * replays of old requests; the body digest binds the signature to the content.
 */
final class RequestSigner {

  static final String TIMESTAMP_HEADER = "X-Signature-Timestamp";
  static final String SIGNATURE_HEADER = "X-Signature";

  private final SecretKeySpec key;
  private final Clock clock;

  RequestSigner(String key, Clock clock) {
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = clock;
  }

  /** The two header values (timestamp, signature) for one request. */
  String[] sign(String method, String path, byte[] body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return new String[] {timestamp, signature(method, path, timestamp, body)};
  }

  String signature(String method, String path, String timestamp, byte[] body) {
    try {
      String canonical =
          method + "\n" + path + "\n" + timestamp + "\n"
              + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
