package vn.lgsp.hub.audit.record;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;

/**
 * Keyed hashes (HMAC-SHA256) of personal IDs. The same ID always gives the same hash, so a
 * citizen's records can be found, but without the key the hash reveals nothing: the ID space is
 * small enough that an unkeyed hash would be reversed by brute force. For the same reason the
 * request hash a record keeps is keyed too ({@link #keyRequestHash}): its preimage holds the
 * personal ID of the path or body.
 */
@Component
public class SubjectHasher {

  /** Runs of 9-13 digits: personal IDs (12), legacy tax (10, 13) and insurance codes (10). */
  private static final Pattern ID_LIKE = Pattern.compile("(?<![0-9])[0-9]{9,13}(?![0-9])");

  private static final int PATH_HASH_CHARS = 16;

  /** The characters a stored message id may have (its column). */
  private static final int MESSAGE_ID_CHARS = 128;

  /** A UUID standing alone (not glued to more hex digits), the form X-Road message ids take. */
  private static final Pattern LONE_UUID = Pattern.compile(
      "(?<![0-9a-fA-F])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F])");

  /** A percent-encoded decimal digit. */
  private static final Pattern ENCODED_DIGIT = Pattern.compile("%3([0-9])");

  /** Marks a stored request hash as keyed; records without it hold the plain SHA-512 (older hubs). */
  public static final String KEYED_REQUEST_HASH = "hmac-sha256:";

  private final SecretKeySpec key;

  public SubjectHasher(AuditProperties properties) {
    this.key =
        new SecretKeySpec(
            properties.subjectHashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The keyed hash of a personal ID, or of any text the log keeps only as a hash; hex. */
  public String hash(String personalId) {
    return HexFormat.of().formatHex(mac(personalId));
  }

  /**
   * What the log stores for a request hash: {@code hmac-sha256:} and the Base64 HMAC of the plain
   * hash as the caller received it in {@code X-Road-Request-Hash}. An auditor holding the key
   * matches a hash the caller kept by computing this (or with {@link #matchesRequestHash}); without
   * the key, the stored value cannot be tested against guessed requests.
   */
  public String keyRequestHash(String plainRequestHash) {
    if (plainRequestHash == null || plainRequestHash.startsWith(KEYED_REQUEST_HASH)) {
      return plainRequestHash;
    }
    return KEYED_REQUEST_HASH + Base64.getEncoder().encodeToString(mac(plainRequestHash));
  }

  /** Whether a stored request hash (keyed, or plain in older records) is that of {@code plainRequestHash}. */
  public boolean matchesRequestHash(String stored, String plainRequestHash) {
    if (stored == null || plainRequestHash == null) {
      return false;
    }
    String expected = stored.startsWith(KEYED_REQUEST_HASH) ? keyRequestHash(plainRequestHash) : plainRequestHash;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Replaces every ID-like digit run with {@code #########}, as the log pattern does; for log text. */
  public static String maskForLog(String text) {
    return text == null ? null : ID_LIKE.matcher(text).replaceAll("#########");
  }

  /**
   * A message id as the log keeps it: ID-like digit runs masked as by {@link #maskIds}, except inside
   * a UUID, whose digits are random by construction (its last group is all digits for about one UUID
   * in 280; masking those would hide a caller's own ids from it). An id that masking makes longer
   * than its column is cut and ends with {@code …#} and the keyed hash of the whole id, so that ids
   * sharing their beginning stay apart and a search that masks alike finds each.
   */
  public String maskMessageId(String id) {
    if (id == null) {
      return null;
    }
    Matcher uuid = LONE_UUID.matcher(id);
    StringBuilder out = new StringBuilder(id.length() + 8);
    int at = 0;
    while (uuid.find()) {
      out.append(maskIds(id.substring(at, uuid.start()))).append(uuid.group());
      at = uuid.end();
    }
    out.append(maskIds(id.substring(at)));
    if (out.length() <= MESSAGE_ID_CHARS) {
      return out.toString();
    }
    // masking lengthened it past its column: cut, and keep it apart from ids sharing the beginning
    String tail = "…#" + hash(id).substring(0, PATH_HASH_CHARS);
    return out.substring(0, MESSAGE_ID_CHARS - tail.length()) + tail;
  }

  /** Replaces every ID-like digit run in {@code text} with {@code #} and a short keyed hash. */
  public String maskIds(String text) {
    if (text == null) {
      return null;
    }
    // a digit may come percent-encoded (%30-%39 in a path): masked as the digit it stands for
    Matcher m = ID_LIKE.matcher(text.indexOf('%') < 0 ? text : ENCODED_DIGIT.matcher(text).replaceAll(d -> d.group(1)));
    StringBuilder out = new StringBuilder(text.length() + 8);
    while (m.find()) {
      m.appendReplacement(out, "#" + hash(m.group()).substring(0, PATH_HASH_CHARS));
    }
    m.appendTail(out);
    return out.toString();
  }
}
