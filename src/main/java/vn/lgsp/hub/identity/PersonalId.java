package vn.lgsp.hub.identity;

import vn.lgsp.hub.protocol.ProblemText;
import java.time.Year;

/**
 * A Vietnamese personal identification number (số định danh cá nhân, printed on the CCCD card):
 * twelve digits {@code PPP G YY NNNNNN}. PPP is the province (001-096) or country code of birth
 * registration, G encodes century and sex (0/1: 1900s male/female, 2/3: 2000s, 4/5: 2100s ...),
 * YY the last two digits of the birth year and NNNNNN a serial. There is no check digit, so the
 * only checks are the structure and a birth year that is not in the future.
 */
public record PersonalId(String value) {

  public enum Sex {
    MALE,
    FEMALE
  }

  public PersonalId {
    ProblemText problem = problemWith(value, Year.now().getValue());
    if (problem != null) {
      throw new IllegalArgumentException(problem.toString());
    }
  }

  /** Validates against the current year. */
  public static PersonalId of(String value) {
    return new PersonalId(value);
  }

  public static boolean isValid(String value) {
    return problemWith(value, Year.now().getValue()) == null;
  }

  /**
   * Why {@code value} is not a personal ID as of {@code currentYear}, or null when it is one. The
   * reasons never repeat the value: they may reach logs and callers.
   */
  public static ProblemText problemWith(String value, int currentYear) {
    if (value == null || value.length() != 12) {
      return ProblemText.of("personal-id.length");
    }
    for (int i = 0; i < 12; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return ProblemText.of("personal-id.digits");
      }
    }
    int province = Integer.parseInt(value.substring(0, 3));
    if (province < 1 || province > 96) {
      return ProblemText.of("personal-id.province");
    }
    if (birthYear(value) > currentYear) {
      return ProblemText.of("personal-id.future-birth-year");
    }
    return null;
  }

  public String provinceCode() {
    return value.substring(0, 3);
  }

  public int birthYear() {
    return birthYear(value);
  }

  public Sex sex() {
    return sex(value);
  }

  public String serial() {
    return value.substring(6);
  }

  /**
   * The birth year that twelve digits encode (G and YY), without the checks of a personal ID: for
   * registers that decode IDs by this rule but accept others than the hub does (the sandbox's).
   */
  public static int birthYear(String digits) {
    int centuryDigit = digits.charAt(3) - '0';
    int century = 1900 + (centuryDigit / 2) * 100;
    return century + Integer.parseInt(digits.substring(4, 6));
  }

  /** The sex that twelve digits encode (G), without the checks of a personal ID. */
  public static Sex sex(String digits) {
    return (digits.charAt(3) - '0') % 2 == 0 ? Sex.MALE : Sex.FEMALE;
  }

  /**
   * The twelve digits {@code PPP G YY NNNNNN} of a person born in {@code birthYear} (1900-2399) with
   * this sex, province code (three digits) and serial (0-999999), without the checks of a personal ID.
   */
  public static String digits(String provinceCode, Sex sex, int birthYear, int serial) {
    if (provinceCode.length() != 3 || birthYear < 1900 || birthYear > 2399 || serial < 0 || serial > 999_999) {
      throw new IllegalArgumentException("no personal ID encodes these attributes");
    }
    int centuryDigit = 2 * ((birthYear - 1900) / 100) + (sex == Sex.FEMALE ? 1 : 0);
    return String.format("%s%d%02d%06d", provinceCode, centuryDigit, birthYear % 100, serial);
  }

  /** Never the plain ID: a record's string form ends up in logs too easily. */
  @Override
  public String toString() {
    return "PersonalId[" + value.substring(0, 3) + "*********]";
  }
}
