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
import vn.lgsp.hub.protocol.ProblemType;

/** Checks an operation's inputs against the types its descriptor declares, before any backend call. */
final class InputValidator {

  private static final Pattern CODE_PATTERN = Pattern.compile("[A-Za-z0-9]{1,34}");

  private InputValidator() {}

  /**
   * Collects and validates the declared inputs.
   *
   * @param source looks an input up by name (path parameter or JSON field); null when absent
   */
  static Map<String, String> collect(
      ConnectorDescriptor.Operation operation, Function<String, String> source) {
    Map<String, String> values = new LinkedHashMap<>();
    operation
        .input()
        .forEach(
            (name, type) -> {
              String value = source.apply(name);
              if (value == null || value.isBlank()) {
                throw new HubProblemException(ProblemType.INVALID_REQUEST, "'" + name + "' is required");
              }
              check(name, type, value);
              values.put(name, value);
            });
    return values;
  }

  private static void check(String name, ConnectorDescriptor.InputType type, String value) {
    switch (type) {
      case PERSONAL_ID -> {
        if (!PersonalId.isValid(value)) {
          throw new HubProblemException(
              ProblemType.INVALID_PERSONAL_ID, "'" + name + "' is not a valid personal ID");
        }
      }
      case DATE -> {
        try {
          LocalDate.parse(value);
        } catch (DateTimeParseException e) {
          throw new HubProblemException(
              ProblemType.INVALID_REQUEST, "'" + name + "' must be an ISO 8601 date (YYYY-MM-DD)");
        }
      }
      case TAX_ID -> {
        if (!TaxCode.isValid(value)) {
          throw new HubProblemException(ProblemType.INVALID_REQUEST, "'" + name + "': " + TaxCode.problemWith(value));
        }
      }
      case CODE -> {
        if (!CODE_PATTERN.matcher(value).matches()) {
          throw new HubProblemException(ProblemType.INVALID_REQUEST, "'" + name + "' must be 1-34 letters or digits");
        }
      }
      case TEXT -> {
        if (!HeaderRules.isPrintableText(value)) {
          throw new HubProblemException(
              ProblemType.INVALID_REQUEST,
              "'" + name + "' must be 1-" + HeaderRules.MAX_TEXT + " printable characters");
        }
      }
    }
  }
}
