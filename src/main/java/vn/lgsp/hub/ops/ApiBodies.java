package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Reads the JSON bodies of the hub's own API (access requests, publications, rights) strictly: each field
 * named, typed and bounded, nothing else accepted; a refusal names the field ({@code Client.InvalidRequest}).
 */
public final class ApiBodies {

  private static final int MAX_FIELDS = 200;

  /** The largest document a body may carry (an OpenAPI document), in characters. */
  public static final int MAX_DOCUMENT = 512 * 1024;

  private ApiBodies() {}

  public static void refuseUnknown(JsonNode body, String... known) {
    if (body == null || !body.isObject()) {
      throw invalid("body");
    }
    Set<String> names = Set.of(known);
    for (String name : body.propertyNames()) {
      if (!names.contains(name)) {
        throw invalid(name);
      }
    }
  }

  /** An action's {@code reason}: printable text of 1 to {@code max} characters, kept for the action's record. */
  public static String reason(JsonNode body, HttpServletRequest http, int max, boolean required) {
    String reason = text(body, "reason", max, required);
    http.setAttribute(AdminActionRecorder.REASON, reason);
    return reason;
  }

  /** A boolean field; false when absent; anything but a boolean is refused with {@code invalidKey}. */
  public static boolean flag(JsonNode body, String name, String invalidKey) {
    JsonNode value = body.get(name);
    if (value != null && !value.isBoolean()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of(invalidKey, name));
    }
    return value != null && value.asBoolean();
  }

  /** Printable text of 1 to {@code max} characters; null when absent and not required. */
  public static String text(JsonNode body, String name, int max, boolean required) {
    return string(body, name, max, required, c -> false);
  }

  /**
   * A document carried as a string (an OpenAPI document, a WSDL): up to {@link #MAX_DOCUMENT} characters, lines
   * and tabs allowed, no other control character.
   */
  public static String document(JsonNode body, String name, boolean required) {
    return string(body, name, MAX_DOCUMENT, required, c -> c == '\n' || c == '\r' || c == '\t');
  }

  private static String string(JsonNode body, String name, int max, boolean required, IntPredicate allowedControl) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw invalid(name);
      }
      return null;
    }
    String text = node.isString() ? node.asString().strip() : "";
    if (text.isEmpty() || text.length() > max
        || text.chars().anyMatch(c -> Character.isISOControl(c) && !allowedControl.test(c))) {
      throw invalid(name);
    }
    return text;
  }

  /** A version number in a path; an unknown version ({@code unknownKey}) if it is not one. */
  public static long number(String text, String unknownKey) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new HubProblemException(ProblemType.NOT_FOUND, unknownKey);
    }
  }

  /** A list of field paths, each named once; absent is the whole answer. */
  public static List<String> fields(JsonNode body) {
    JsonNode node = body.get("fields");
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.size() > MAX_FIELDS) {
      throw invalid("fields");
    }
    List<String> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode field : node) {
      String text = field.isString() ? field.asString() : "";
      if (!text.matches("[A-Za-z0-9_.]{1,200}") || !seen.add(text)) {
        throw invalid("fields");
      }
      fields.add(text);
    }
    return fields;
  }

  /** An object of the body, with exactly these text fields (1-200 characters each); null when absent and not required. */
  public static List<String> texts(JsonNode body, String name, boolean required, String... fields) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw invalid(name);
      }
      return null;
    }
    try {
      refuseUnknown(node, fields);
      List<String> texts = new ArrayList<>();
      for (String field : fields) {
        texts.add(text(node, field, 200, true));
      }
      return texts;
    } catch (HubProblemException e) {
      throw invalid(name);
    }
  }

  /** Text matching a pattern, at most {@code max} characters; required. */
  public static String matching(JsonNode body, String name, String pattern, int max) {
    String text = text(body, name, max, true);
    if (!text.matches(pattern)) {
      throw invalid(name);
    }
    return text;
  }

  /** A subsystem identifier ({@code VN/GOV/BTC/THUE}); required. */
  public static SubsystemId subsystem(JsonNode body, String name) {
    try {
      return SubsystemId.parse(text(body, name, 200, true));
    } catch (IllegalArgumentException e) {
      throw invalid(name);
    }
  }

  /** A non-empty list of distinct names (letters, digits, {@code _.-}), at most 50. */
  public static List<String> names(JsonNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || !node.isArray() || node.isEmpty() || node.size() > 50) {
      throw invalid(name);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode item : node) {
      String text = item.isString() ? item.asString() : "";
      if (!text.matches("[A-Za-z0-9_.-]{1,100}") || names.contains(text)) {
        throw invalid(name);
      }
      names.add(text);
    }
    return names;
  }

  /** An ISO date ({@code 2027-06-30}). */
  public static LocalDate date(JsonNode body, String name, boolean required) {
    String text = text(body, name, 10, required);
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(name);
    }
  }

  /** A UUID in a path; anything else is an unknown thing ({@code unknownKey}), not a bad request. */
  public static UUID id(String text, String unknownKey) {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new HubProblemException(ProblemType.NOT_FOUND, unknownKey);
  }

  public static HubProblemException invalid(String field) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.field", field));
  }
}
