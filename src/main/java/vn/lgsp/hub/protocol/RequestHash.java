package vn.lgsp.hub.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-512 digests, Base64-encoded, as in {@code X-Road-Request-Hash}. The request digest covers
 * the method, the request URI and the body, so it binds a response to the exact request.
 */
public final class RequestHash {

  private RequestHash() {}

  public static String ofRequest(String method, String uri, byte[] body) {
    MessageDigest sha = sha512();
    sha.update(method.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) ' ');
    sha.update(uri.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update(body);
    return Base64.getEncoder().encodeToString(sha.digest());
  }

  public static String of(byte[] bytes) {
    return Base64.getEncoder().encodeToString(sha512().digest(bytes));
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 unavailable", e);
    }
  }
}
