package vn.lgsp.hub.audit.files;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * Reads the members of an export file's lines exactly as docs/EVIDENCE-FORMAT.md (sections 2, 4
 * and 6) types them, and nothing more leniently: a verifier in another language must read the same
 * file the same way, so no coercion of "200" to 200, of 200.0 to 200, or of a loose date.
 */
final class EvidenceJson {

  /** A line or member that is not what the format says: the file is unusable. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final Pattern INSTANT =
      Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?Z");
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private EvidenceJson() {}

  /** One line: a single JSON object and nothing after it. */
  static JsonNode object(String line) throws Malformed {
    JsonNode node;
    try {
      node = STRICT.readTree(line);
    } catch (JacksonException e) {
      throw new Malformed("not a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new Malformed("not a JSON object");
    }
    return node;
  }

  static String type(JsonNode line) throws Malformed {
    return text(line, "type", true);
  }

  /** The record of a record line, typed as section 2 says. */
  static ExchangeRecord record(JsonNode line) throws Malformed {
    JsonNode r = line.get("record");
    if (r == null || !r.isObject()) {
      throw new Malformed("a record line without a record object");
    }
    JsonNode chain = r.get("chain");
    if (chain == null || !chain.isObject()) {
      throw new Malformed("a record without its chain link");
    }
    String id = text(r, "id", false);
    if (id != null && !UUID_TEXT.matcher(id).matches()) {
      throw new Malformed("id is not a UUID");
    }
    String covert = text(r, "covertUntil", false);
    return ExchangeRecord.builder()
        .id(id == null ? null : UUID.fromString(id))
        .kind(text(r, "kind", false))
        .messageId(text(r, "messageId", false))
        .clientId(text(r, "clientId", false))
        .claimedClientId(text(r, "claimedClientId", false))
        .serviceId(text(r, "serviceId", false))
        .userId(text(r, "userId", false))
        .issue(text(r, "issue", false))
        .method(text(r, "method", false))
        .path(text(r, "path", false))
        .status((int) integer(r, "status", Integer.MIN_VALUE, Integer.MAX_VALUE))
        .errorType(text(r, "errorType", false))
        .requestSize(integer(r, "requestSize", Long.MIN_VALUE, Long.MAX_VALUE))
        .responseSize(integer(r, "responseSize", Long.MIN_VALUE, Long.MAX_VALUE))
        .requestInAt(instant(r, "requestInAt", false))
        .requestOutAt(instant(r, "requestOutAt", false))
        .responseInAt(instant(r, "responseInAt", false))
        .responseOutAt(instant(r, "responseOutAt", false))
        .requestHash(text(r, "requestHash", false))
        .responseHash(text(r, "responseHash", false))
        .subjectHash(text(r, "subjectHash", false))
        .traceparent(text(r, "traceparent", false))
        .covertUntil(covert == null ? null : date(covert))
        .actor(text(r, "actor", false))
        .action(text(r, "action", false))
        .reason(text(r, "reason", false))
        .shortened(text(r, "shortened", false))
        .requestSignature(text(r, "requestSignature", false))
        .answerSignature(text(r, "answerSignature", false))
        .providerSignature(text(r, "providerSignature", false))
        .chain(new ExchangeRecord.ChainLink(integer(chain, "seq", Long.MIN_VALUE, Long.MAX_VALUE),
            text(chain, "prevHash", true), text(chain, "recordHash", true)))
        .build();
  }

  /** The seal of a seal line (section 4). */
  static Seal seal(JsonNode line) throws Malformed {
    JsonNode s = line.get("seal");
    if (s == null || !s.isObject()) {
      throw new Malformed("a seal line without a seal object");
    }
    return new Seal(integer(s, "upToSeq", Long.MIN_VALUE, Long.MAX_VALUE), text(s, "headHash", true),
        instant(s, "sealedAt", true), text(s, "keyId", true), text(s, "signature", true));
  }

  /** A string member; absent or null is no value unless it is required. */
  static String text(JsonNode node, String name, boolean required) throws Malformed {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Malformed("'" + name + "' missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new Malformed("'" + name + "' is not a string");
    }
    String s = v.textValue();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Malformed("'" + name + "' holds an unpaired surrogate");
      }
    }
    return s;
  }

  /** A required JSON integer (no fraction, no exponent) within {@code [min, max]}. */
  static long integer(JsonNode node, String name, long min, long max) throws Malformed {
    JsonNode v = node.get(name);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      throw new Malformed("'" + name + "' is not an integer in range");
    }
    return v.longValue();
  }

  private static Instant instant(JsonNode node, String name, boolean required) throws Malformed {
    String s = text(node, name, required);
    return s == null ? null : instant(s);
  }

  static Instant instant(String s) throws Malformed {
    Matcher m = INSTANT.matcher(s);
    if (!m.matches()) {
      throw new Malformed("'" + s + "' is not an instant YYYY-MM-DDTHH:MM:SS[.f]Z");
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    try {
      int year = Integer.parseInt(m.group(1));
      if (year < 1) {
        throw new DateTimeException("year 0000");
      }
      return LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
          Integer.parseInt((fraction + "000000000").substring(0, 9))).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new Malformed("'" + s + "' is no real instant");
    }
  }

  private static LocalDate date(String s) throws Malformed {
    Matcher m = DATE.matcher(s);
    try {
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
        throw new DateTimeException(s);
      }
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new Malformed("'" + s + "' is not a date YYYY-MM-DD");
    }
  }
}
