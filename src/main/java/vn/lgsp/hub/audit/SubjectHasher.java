package vn.lgsp.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA256) of personal IDs. The same ID always gives the same hash, so a
 * citizen's records can be found, but without the key the hash reveals nothing: the ID space is
 * small enough that an unkeyed hash would be reversed by brute force.
 */
@Component
public class SubjectHasher {

  /** Runs of 9-13 digits: personal IDs (12), legacy tax (10, 13) and insurance codes (10). */
  private static final Pattern ID_LIKE = Pattern.compile("(?<![0-9])[0-9]{9,13}(?![0-9])");

  private static final int PATH_HASH_CHARS = 16;

  private final SecretKeySpec key;

  public SubjectHasher(AuditProperties properties) {
    this.key =
        new SecretKeySpec(
            properties.subjectHashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String hash(String personalId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(personalId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Replaces every ID-like digit run with {@code #########}, as the log pattern does; for log text. */
  public static String maskForLog(String text) {
    return text == null ? null : ID_LIKE.matcher(text).replaceAll("#########");
  }

  /** Replaces every ID-like digit run in {@code text} with {@code #} and a short keyed hash. */
  public String maskIds(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ID_LIKE.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 8);
    while (m.find()) {
      m.appendReplacement(out, "#" + hash(m.group()).substring(0, PATH_HASH_CHARS));
    }
    m.appendTail(out);
    return out.toString();
  }
}
