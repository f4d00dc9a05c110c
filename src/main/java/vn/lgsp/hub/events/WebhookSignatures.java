package vn.lgsp.hub.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Push deliveries signed the Standard Webhooks way (standardwebhooks.com), so that receivers verify
 * them with that project's libraries: {@code webhook-id} (the event's id, the same on every attempt:
 * the receiver's idempotency key), {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * ({@code v1,} then Base64 of HMAC-SHA256 over {@code id.timestamp.body} with the subscription's secret).
 */
final class WebhookSignatures {

  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignatures() {}

  /** A new subscription secret: {@code whsec_} and 32 random bytes in Base64. */
  static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The three headers of one delivery. */
  static Map<String, String> headers(String secret, String id, long timestampSeconds, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(timestampSeconds));
    headers.put("webhook-signature", "v1," + sign(secret, id, timestampSeconds, body));
    return headers;
  }

  static String sign(String secret, String id, long timestampSeconds, byte[] body) {
    byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
