package vn.lgsp.hub.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-512 digests, Base64-encoded, as in {@code X-Road-Request-Hash}. The request digest covers
 * the method, the request URI, the message id and the body: {@code METHOD URI\nX-Road-Id: ID\nBODY}.
 * It binds a response to the exact request; the message id makes each digest unique, so that a
 * personal ID in a URI cannot be found by looking digests up in one precomputed table.
 */
public final class RequestHash {

  private RequestHash() {}

  /** The digest of the preimage, streamed: the body is not copied. */
  public static String ofRequest(String method, String uri, String messageId, byte[] body) {
    MessageDigest sha = sha512();
    sha.update(head(method, uri, messageId));
    sha.update(body);
    return Base64.getEncoder().encodeToString(sha.digest());
  }

  /** What the request hash covers: {@code METHOD URI\nX-Road-Id: ID\nBODY}. */
  public static byte[] preimage(String method, String uri, String messageId, byte[] body) {
    byte[] head = head(method, uri, messageId);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] head(String method, String uri, String messageId) {
    return (method + " " + uri + "\nX-Road-Id: " + messageId + "\n").getBytes(StandardCharsets.UTF_8);
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
