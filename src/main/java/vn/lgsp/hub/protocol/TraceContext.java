package vn.lgsp.hub.protocol;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context ({@code traceparent}): {@code 00-<trace id>-<parent id>-<flags>}. A caller's
 * valid header continues its trace; a missing or malformed one starts a new trace (as the
 * recommendation asks: never an error).
 */
public final class TraceContext {

  public static final String HEADER = "traceparent";

  private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_PARENT = "0".repeat(16);

  private TraceContext() {}

  /** The caller's traceparent if valid, else a new trace. */
  public static String continueOrStart(String header) {
    String valid = valid(header);
    return valid != null ? valid : "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
  }

  /** The header, trimmed, if it is a valid traceparent of version 00; else null. */
  public static String valid(String header) {
    if (header != null) {
      var m = TRACEPARENT.matcher(header.trim());
      if (m.matches() && !ZERO_TRACE.equals(m.group(1)) && !ZERO_PARENT.equals(m.group(2))) {
        return header.trim();
      }
    }
    return null;
  }

  /** The traceparent for a call made within this trace: same trace id, a new span id. */
  public static String child(String traceparent) {
    return withParent(traceparent, randomHex(8));
  }

  /** The same trace and flags with {@code spanId} (16 hex digits) as the parent. */
  public static String withParent(String traceparent, String spanId) {
    return traceparent.substring(0, 36) + spanId + traceparent.substring(52);
  }

  /** The parent id: the span of the caller that sent it. */
  public static String parentId(String traceparent) {
    return traceparent.substring(36, 52);
  }

  /** The trace flags (two hex digits; 01: sampled). */
  public static String flags(String traceparent) {
    return traceparent.substring(53, 55);
  }

  public static String traceId(String traceparent) {
    return traceparent.substring(3, 35);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
