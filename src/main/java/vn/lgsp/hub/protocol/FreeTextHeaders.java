package vn.lgsp.hub.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The free-text protocol headers ({@code X-Road-Issue}, {@code X-Road-UserId}) carry Vietnamese
 * text, but HTTP header values are ASCII: a caller sends them as percent-encoded UTF-8 ({@code
 * Hồ sơ} as {@code H%E1%BB%93%20s%C6%A1}, a literal {@code %} as {@code %25}), and the hub stores
 * the decoded text. Only {@code %XX} is decoded ({@code +} stays a plus sign); a malformed escape
 * or invalid UTF-8 is refused.
 */
public final class FreeTextHeaders {

  public static final List<String> NAMES = List.of(XRoadHeaders.ISSUE, XRoadHeaders.USER_ID);

  private FreeTextHeaders() {}

  public static boolean isFreeText(String headerName) {
    return NAMES.stream().anyMatch(headerName::equalsIgnoreCase);
  }

  /** The decoded text, or null when the value is not well-formed percent-encoded UTF-8. */
  public static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
        if (lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f) {
        return null;
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The value as a caller (the hub's own loopback calls included) sends it: UTF-8, percent-encoded. */
  public static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xff;
      if (v > 0x20 && v < 0x7f && v != '%') {
        out.append((char) v);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(v & 15, 16)));
      }
    }
    return out.toString();
  }
}
