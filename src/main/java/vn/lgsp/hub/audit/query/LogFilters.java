package vn.lgsp.hub.audit.query;

import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Turns the query parameters of a log search into a filter, validating each at the edge: unknown
 * parameters, control characters, malformed numbers or times and invalid personal IDs are refused
 * with {@code Client.InvalidRequest}. A personal ID is hashed with the log's key at once and never
 * kept in plain text.
 */
@Component
public class LogFilters {

  /** The parameters a search accepts (besides paging). */
  public static final Set<String> SEARCH = Set.of(
      "messageId", "client", "service", "status", "errorType", "purpose", "personalId", "kind", "from", "to",
      "requestHash", "member");

  private final SubjectHasher hasher;
  private final Clock clock;

  public LogFilters(SubjectHasher hasher, Clock clock) {
    this.hasher = hasher;
    this.clock = clock;
  }

  /** A page of results: {@code page} from 0, {@code size} from 1 to the caller's maximum (default 50). */
  public record Paging(int page, int size) {

    public static Paging of(Map<String, String> params, int maxSize) {
      return new Paging(integer("page", params.getOrDefault("page", "0"), 0, 1_000_000),
          integer("size", params.getOrDefault("size", "50"), 1, maxSize));
    }
  }

  /**
   * The filter of {@code params}; parameters outside {@code allowed} are refused. Only the search
   * parameters are read: {@code allowed} may hold others that the caller reads itself.
   */
  public ExchangeLogQuery.Filter parse(Map<String, String> params, Set<String> allowed) {
    refuseUnknown(params, allowed);
    String personalId = text(params, "personalId");
    if (personalId != null && PersonalId.problemWith(personalId, clock.instant().atZone(ZoneOffset.UTC).getYear()) != null) {
      throw invalid("personalId", "personal-id");
    }
    String kind = text(params, "kind");
    if (kind != null && !Set.of(ExchangeRecord.EXCHANGE, ExchangeRecord.ADMIN, ExchangeRecord.EVENT).contains(kind)) {
      throw invalid("kind", "kind");
    }
    String status = params.get("status");
    return new ExchangeLogQuery.Filter(
        hasher.maskMessageId(text(params, "messageId")),
        text(params, "client"),
        text(params, "service"),
        status == null ? null : integer("status", status, 100, 599),
        text(params, "errorType"),
        hasher.maskIds(text(params, "purpose")),
        personalId == null ? null : hasher.hash(personalId),
        kind,
        instant(params, "from"),
        instant(params, "to"),
        requestHashes(text(params, "requestHash")),
        member(text(params, "member")));
  }

  /** A member identifier, {@code VN/GOV/BTC}: three parts of letters, digits and {@code -_.}. */
  private static String member(String text) {
    if (text != null && !text.matches("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+")) {
      throw invalid("member", "member");
    }
    return text;
  }

  /**
   * An auditor's or caller's {@code X-Road-Request-Hash} as the log may store it: keyed with the
   * log's key (records since the hash is keyed), or plain (older records).
   */
  private List<String> requestHashes(String plain) {
    return plain == null ? null : List.of(hasher.keyRequestHash(plain), plain);
  }

  /** {@link #SEARCH} and the parameters a caller reads besides. */
  public static Set<String> searchAnd(String... others) {
    return Stream.concat(SEARCH.stream(), Stream.of(others)).collect(Collectors.toUnmodifiableSet());
  }

  /** Refuses the first parameter that is not in {@code allowed}. */
  public static void refuseUnknown(Map<String, String> params, Set<String> allowed) {
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw invalid(name, "unknown");
      }
    }
  }

  public static String text(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > 400 || value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name, "text");
    }
    return value;
  }

  public static int integer(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw invalid(name, "range", min, max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(name, "whole-number");
    }
  }

  /** An ISO 8601 instant, or a date meaning its start (UTC). */
  public static Instant instant(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    try {
      return isDate(value) ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "instant");
    }
  }

  /** Like {@link #instant}, but a date means the end of that day: a period that ends on it includes it. */
  public static Instant end(Map<String, String> params, String name) {
    Instant t = instant(params, name);
    return t != null && isDate(params.get(name)) ? t.plusSeconds(86_400) : t;
  }

  private static boolean isDate(String value) {
    return value.length() == 10;
  }

  /** Query parameter {@code name} breaks the rule {@code parameter.<rule>} of the problem bundles. */
  public static HubProblemException invalid(String name, String rule, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = name;
    System.arraycopy(args, 0, all, 1, args.length);
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("parameter." + rule, all));
  }
}
