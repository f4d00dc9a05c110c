package vn.lgsp.hub.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax rules for the values of X-Road headers that the hub stores and echoes. */
public final class HeaderRules {

  /** Caller-chosen message ids: UUIDs and similar tokens, never free text. */
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  public static final int MAX_TEXT = 200;

  private HeaderRules() {}

  /** X-Road protocol headers and their GovStack aliases: the hub reads, stores or echoes their values. */
  public static boolean isProtocolHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("x-road-") || lower.startsWith("x-govstack-") || lower.startsWith("information-mediator-");
  }

  public static boolean isMessageId(String value) {
    return value != null && MESSAGE_ID.matcher(value).matches();
  }

  /** Printable text of at most {@link #MAX_TEXT} characters: no CR, LF or other controls. */
  public static boolean isPrintableText(String value) {
    if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
      return false;
    }
    return value.chars().noneMatch(Character::isISOControl);
  }
}
