package vn.lgsp.hub.protocol;

import jakarta.validation.constraints.NotBlank;
import java.util.Locale;

/**
 * A text that people read, in Vietnamese and in English (a service's title, its description). The
 * hub speaks Vietnamese unless the caller asks for English; what machines match on (ids, codes,
 * problem types) is never one of these.
 *
 * @param vi the Vietnamese text, with its diacritics
 * @param en the English text
 */
public record Bilingual(@NotBlank String vi, @NotBlank String en) {

  public String in(Language language) {
    return language == Language.EN ? en : vi;
  }

  /** The languages the hub speaks, Vietnamese first. */
  public enum Language {
    VI,
    EN;

    /**
     * The one of ours that an {@code Accept-Language} header ranks first (RFC 4647 lookup, so
     * {@code en-US} is English): Vietnamese when the header is absent, unreadable or names neither.
     */
    public static Language of(String acceptLanguage) {
      return from(CallerLanguage.of(acceptLanguage));
    }

    /** One rule for the whole hub: {@link CallerLanguage} chooses, for problems and texts alike. */
    public static Language from(Locale language) {
      return CallerLanguage.ENGLISH.getLanguage().equals(language.getLanguage()) ? EN : VI;
    }

    /** The BCP 47 tag, for {@code xml:lang} and the like. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
