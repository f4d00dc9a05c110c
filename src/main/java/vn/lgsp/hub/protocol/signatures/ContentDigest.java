package vn.lgsp.hub.protocol.signatures;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** The {@code Content-Digest} field of RFC 9530: the SHA-256 of a message's content, as a structured field. */
public final class ContentDigest {

  private ContentDigest() {}

  /** {@code sha-256=:<base64>:} of {@code content}. */
  public static String sha256(byte[] content) {
    return field("sha-256", digest("SHA-256", content));
  }

  /** {@code sha-256=:<base64>:} of an answer's content as sent (RFC 9530): none for HEAD. */
  public static String ofSent(String method, byte[] body) {
    return sha256("HEAD".equals(method) ? new byte[0] : body);
  }

  /** {@code sha-256=:<base64>:} of the content read from {@code content}, without holding it whole. */
  public static String sha256(InputStream content) throws IOException {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[16 * 1024];
      for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
        sha256.update(buffer, 0, n);
      }
      return field("sha-256", sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** {@code sha-512=:<base64>:} of {@code content}. */
  public static String sha512(byte[] content) {
    return field("sha-512", digest("SHA-512", content));
  }

  /**
   * Whether a received {@code Content-Digest} field is the digest of {@code content}: it names at least one
   * algorithm the hub knows ({@code sha-256}, {@code sha-512}), and every such digest matches.
   */
  public static boolean matches(String field, byte[] content) {
    if (field == null) {
      return false;
    }
    boolean known = false;
    Map<String, String> members;
    try {
      members = ReceivedSignature.members(field);
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (var member : members.entrySet()) {
      String algorithm = member.getKey().strip();
      String expected = algorithm.equals("sha-256") ? sha256(content) : algorithm.equals("sha-512") ? sha512(content) : null;
      if (expected != null) {
        known = true;
        if (!expected.equals(algorithm + "=" + member.getValue().strip())) {
          return false;
        }
      }
    }
    return known;
  }

  /** {@code name=:<base64>:}, a dictionary member whose value is a byte sequence (RFC 8941). */
  private static String field(String name, byte[] digest) {
    return name + "=:" + Base64.getEncoder().encodeToString(digest) + ":";
  }

  private static byte[] digest(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }
}
