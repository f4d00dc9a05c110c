package vn.lgsp.hub.identity;

import vn.lgsp.hub.protocol.ProblemText;

/**
 * Identifiers the tax register accepts: since 2025 the personal ID is the person's tax code; the
 * legacy tax code (mã số thuế, MST) stays accepted as an alias: ten digits whose tenth is a
 * mod-11 check digit over the first nine (weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check =
 * 10 - sum mod 11, and a code whose check would be 10 is never issued), optionally followed by a
 * three-digit branch number ({@code -NNN}, or the thirteen digits written together).
 */
public final class TaxCode {

  private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

  private TaxCode() {}

  /** True for a personal ID or a legacy tax code with a correct check digit. */
  public static boolean isValid(String value) {
    return problemWith(value) == null;
  }

  /** Why {@code value} is no tax identifier, or null. Never repeats the value. */
  public static ProblemText problemWith(String value) {
    if (value == null) {
      return ProblemText.of("tax-code.required");
    }
    if (value.length() == 12) {
      return PersonalId.isValid(value) ? null : ProblemText.of("tax-code.personal-id");
    }
    String digits = value.length() == 14 && value.charAt(10) == '-'
        ? value.substring(0, 10) + value.substring(11)
        : value;
    if ((digits.length() != 10 && digits.length() != 13) || !digits.chars().allMatch(Character::isDigit)) {
      return ProblemText.of("tax-code.form");
    }
    Integer check = checkDigit(digits.substring(0, 9));
    if (check == null || check != digits.charAt(9) - '0') {
      return ProblemText.of("tax-code.check-digit");
    }
    return null;
  }

  /** The check digit for nine digits, or null when no valid code has them. */
  static Integer checkDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += WEIGHTS[i] * (nineDigits.charAt(i) - '0');
    }
    int check = 10 - sum % 11;
    return check == 10 ? null : check % 10;
  }
}
