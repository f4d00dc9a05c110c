package vn.lgsp.hub.rights;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.rights.AccessRequest.LegalBasis;

/** Reads the JSON bodies of the rights API strictly: each field named, typed and bounded, nothing else accepted. */
final class RequestBodies {

  private static final int MAX_FIELDS = 200;

  private RequestBodies() {}

  static void refuseUnknown(JsonNode body, String... known) {
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

  /** Printable text of 1 to {@code max} characters; null when absent and not required. */
  static String text(JsonNode body, String name, int max, boolean required) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw invalid(name);
      }
      return null;
    }
    String text = node.isString() ? node.asString().strip() : "";
    if (text.isEmpty() || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name);
    }
    return text;
  }

  /** A list of field paths, each named once; absent is the whole answer. */
  static List<String> fields(JsonNode body) {
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

  /** {@code legalBasis: {document, article}}, both required when the basis is. */
  static LegalBasis legalBasis(JsonNode body, boolean required) {
    JsonNode node = body.get("legalBasis");
    if (node == null || node.isNull()) {
      if (required) {
        throw invalid("legalBasis");
      }
      return null;
    }
    refuseUnknown(node, "document", "article");
    try {
      return new LegalBasis(text(node, "document", 200, true), text(node, "article", 200, true));
    } catch (HubProblemException e) {
      throw invalid("legalBasis");
    }
  }

  /** An ISO date ({@code 2027-06-30}). */
  static LocalDate date(JsonNode body, String name, boolean required) {
    String text = text(body, name, 10, required);
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(name);
    }
  }

  static UUID id(String text) {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new HubProblemException(ProblemType.NOT_FOUND, "access-request.unknown");
  }

  private static HubProblemException invalid(String field) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.field", field));
  }
}
