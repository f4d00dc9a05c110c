package vn.lgsp.hub.protocol;

import java.util.List;
import java.util.Locale;

/**
 * The languages the hub speaks to people: Vietnamese by default, English when the caller's
 * {@code Accept-Language} prefers it (RFC 9110 ranges with weights). A header that cannot be parsed
 * is no reason to refuse a request: it gets the default.
 */
public final class CallerLanguage {

  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final List<Locale> SPOKEN = List.of(VIETNAMESE, ENGLISH);
  public static final String HEADER = "Accept-Language";
  public static final String CONTENT_HEADER = "Content-Language";

  /** Longer headers are not parsed (the edge bounds header sizes anyway). */
  private static final int MAX_HEADER = 256;

  private CallerLanguage() {}

  public static Locale of(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER) {
      return VIETNAMESE;
    }
    try {
      Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SPOKEN);
      return chosen == null ? VIETNAMESE : chosen;
    } catch (IllegalArgumentException e) {
      return VIETNAMESE;
    }
  }
}
