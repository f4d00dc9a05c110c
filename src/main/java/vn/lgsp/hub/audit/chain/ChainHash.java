package vn.lgsp.hub.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * The hash chain of the exchange log (docs/EVIDENCE-FORMAT.md is the specification): a record's
 * hash is {@code hex(SHA-256(prevHash + "\n" + canonical))}, where the canonical form is the line
 * {@code lgsp-hub-record/1} followed by one {@code name=value} line per field, in the fixed order
 * below, each value JSON-encoded ({@code null}, a number, or a quoted string; instants as
 * {@code 2026-01-31T08:00:00.000000Z}). The first record follows {@link #GENESIS}.
 *
 * <p>Version 2 ({@code lgsp-hub-record/2}) is version 1 with one more line at the end,
 * {@code shortened}: the fields the log stored shortened or cleaned, with the keyed hashes of their
 * full values. A record is hashed in version 2 exactly when it has shortened fields; every other
 * record, and every record written before version 2 existed, is hashed in version 1, so earlier
 * chains verify unchanged. The version line is hashed too: a record cannot pass for the other form.
 *
 * <p>Version 3 ({@code lgsp-hub-record/3}) is version 1 followed by four lines: {@code shortened} (null when
 * nothing was), {@code requestSignature}, {@code answerSignature} and {@code providerSignature}, the HTTP message
 * signatures the exchange carried. A record is hashed in version 3 exactly when it keeps a signature.
 */
public final class ChainHash {

  /** The "previous hash" of the first record ever written. */
  public static final String GENESIS = "0".repeat(64);

  private static final String VERSION_1 = "lgsp-hub-record/1";
  private static final String VERSION_2 = "lgsp-hub-record/2";
  private static final String VERSION_3 = "lgsp-hub-record/3";
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private ChainHash() {}

  /** The hash of {@code record} at chain position {@code seq} after {@code prevHash}. */
  public static String of(ExchangeRecord r, long seq, String prevHash) {
    return sha256Hex(hashed(r, seq, prevHash).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The canonical form a record is hashed in: {@code lgsp-hub-record/3} when it keeps a message signature, else
   * {@code /2} when it has shortened fields, else {@code /1}.
   */
  public static String form(ExchangeRecord r) {
    if (r.requestSignature() != null || r.answerSignature() != null || r.providerSignature() != null) {
      return VERSION_3;
    }
    return r.shortened() == null ? VERSION_1 : VERSION_2;
  }

  /** Whether a verifier of this hub knows the canonical form {@code form}. */
  public static boolean knownForm(String form) {
    return VERSION_1.equals(form) || VERSION_2.equals(form) || VERSION_3.equals(form);
  }

  /** The exact text whose SHA-256 is the record's hash (docs/EVIDENCE-FORMAT.md, section 3). */
  public static String hashed(ExchangeRecord r, long seq, String prevHash) {
    String version = form(r);
    StringBuilder c = new StringBuilder(1024).append(prevHash).append('\n').append(version).append('\n');
    line(c, "seq", Long.toString(seq));
    text(c, "id", r.id() == null ? null : r.id().toString());
    text(c, "kind", r.kind());
    text(c, "messageId", r.messageId());
    text(c, "clientId", r.clientId());
    text(c, "claimedClientId", r.claimedClientId());
    text(c, "serviceId", r.serviceId());
    text(c, "userId", r.userId());
    text(c, "issue", r.issue());
    text(c, "method", r.method());
    text(c, "path", r.path());
    line(c, "status", Integer.toString(r.status()));
    text(c, "errorType", r.errorType());
    line(c, "requestSize", Long.toString(r.requestSize()));
    line(c, "responseSize", Long.toString(r.responseSize()));
    instant(c, "requestInAt", r.requestInAt());
    instant(c, "requestOutAt", r.requestOutAt());
    instant(c, "responseInAt", r.responseInAt());
    instant(c, "responseOutAt", r.responseOutAt());
    text(c, "requestHash", r.requestHash());
    text(c, "responseHash", r.responseHash());
    text(c, "subjectHash", r.subjectHash());
    text(c, "traceparent", r.traceparent());
    text(c, "covertUntil", r.covertUntil() == null ? null : r.covertUntil().toString());
    text(c, "actor", r.actor());
    text(c, "action", r.action());
    text(c, "reason", r.reason());
    if (VERSION_3.equals(version)) {
      text(c, "shortened", r.shortened());
      text(c, "requestSignature", r.requestSignature());
      text(c, "answerSignature", r.answerSignature());
      text(c, "providerSignature", r.providerSignature());
    } else if (r.shortened() != null) {
      text(c, "shortened", r.shortened());
    }
    return c.toString();
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void instant(StringBuilder c, String name, Instant value) {
    if (value == null) {
      line(c, name, "null");
      return;
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      text(c, name, MICROS.format(value));
      return;
    }
    // the same text as MICROS, written directly: formatting was a fifth of the writer's hashing
    c.append(name).append("=\"");
    pad(c, t.getYear(), 4).append('-');
    pad(c, t.getMonthValue(), 2).append('-');
    pad(c, t.getDayOfMonth(), 2).append('T');
    pad(c, t.getHour(), 2).append(':');
    pad(c, t.getMinute(), 2).append(':');
    pad(c, t.getSecond(), 2).append('.');
    pad(c, value.getNano() / 1000, 6).append("Z\"\n");
  }

  private static StringBuilder pad(StringBuilder c, int value, int digits) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < digits; i++) {
      c.append('0');
    }
    return c.append(s);
  }

  private static void text(StringBuilder c, String name, String value) {
    line(c, name, value == null ? "null" : quote(value));
  }

  private static void line(StringBuilder c, String name, String value) {
    c.append(name).append('=').append(value).append('\n');
  }

  private static String quote(String value) {
    StringBuilder q = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"' || ch == '\\') {
        q.append('\\').append(ch);
      } else if (ch < 0x20) {
        q.append("\\u00").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 0xf, 16));
      } else {
        q.append(ch);
      }
    }
    return q.append('"').toString();
  }
}
