package vn.lgsp.hub.connectors;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.identity.TaxCode;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import java.time.ZoneOffset;
import vn.lgsp.hub.exchange.ExchangeContext;

/** Checks an operation's inputs against the types its descriptor declares, before any backend call. */
final class InputValidator {

  private static final Pattern CODE_PATTERN = Pattern.compile("[A-Za-z0-9]{1,34}");

  /** Exactly four year digits: no sign, no expanded years that the registers' XML dates cannot hold. */
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** Dates registers hold: births, deaths, validity periods. */
  private static final int MIN_YEAR = 1800;
  private static final int MAX_YEAR = 2200;

  private InputValidator() {}

  /** Valid Unicode a register can store: no unpaired surrogate, no noncharacter, nothing unassigned. */
  static boolean wellFormedText(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return value.codePoints().allMatch(cp -> Character.isDefined(cp) && !isNoncharacter(cp)
        && Character.getType(cp) != Character.PRIVATE_USE);
  }

  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  }

  /**
   * Collects and validates the declared inputs.
   *
   * @param source looks an input up by name (path parameter or JSON field); null when absent
   * @param exchange the exchange: the subject its gate validated is not validated again, and other
   *     personal IDs are judged as of the time the exchange arrived (the hub's clock)
   */
  static Map<String, String> collect(
      ConnectorDescriptor.Operation operation, Function<String, String> source, ExchangeContext exchange) {
    Map<String, String> values = new LinkedHashMap<>();
    operation
        .input()
        .forEach(
            (name, type) -> {
              String value = source.apply(name);
              if (value == null || value.isBlank()) {
                throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("input.required", name));
              }
              check(name, type, value, exchange);
              values.put(name, value);
            });
    return values;
  }

  private static void check(String name, ConnectorDescriptor.InputType type, String value, ExchangeContext exchange) {
    switch (type) {
      case PERSONAL_ID -> {
        // the gate validated the exchange's subject: a personal ID is judged once, by the hub's clock
        if (!value.equals(exchange.subjectId())
            && PersonalId.problemWith(value, exchange.requestInAt().atZone(ZoneOffset.UTC).getYear()) != null) {
          throw new HubProblemException(
              ProblemType.INVALID_PERSONAL_ID, ProblemText.of("input.personal-id", name));
        }
      }
      case DATE -> {
        LocalDate date;
        try {
          date = ISO_DATE.matcher(value).matches() ? LocalDate.parse(value) : null;
        } catch (DateTimeParseException e) {
          date = null;
        }
        if (date == null || date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
          throw new HubProblemException(ProblemType.INVALID_REQUEST,
              ProblemText.of("input.date", name, MIN_YEAR, MAX_YEAR));
        }
      }
      case TAX_ID -> {
        if (!TaxCode.isValid(value)) {
          throw new HubProblemException(ProblemType.INVALID_REQUEST,
              ProblemText.of("input.tax-code", name, TaxCode.problemWith(value)));
        }
      }
      case CODE -> {
        if (!CODE_PATTERN.matcher(value).matches()) {
          throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("input.code", name));
        }
      }
      case TEXT -> {
        if (!HeaderRules.isPrintableText(value) || !wellFormedText(value)) {
          throw new HubProblemException(
              ProblemType.INVALID_REQUEST,
              ProblemText.of("input.text", name, HeaderRules.MAX_TEXT));
        }
      }
    }
  }
}
