package vn.lgsp.hub.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.ExchangeLogQuery;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/** Operators search the exchange log. Behind HTTP basic authentication (see the security chain). */
@RestController
@RequestMapping("/admin/api/exchanges")
public class AdminExchangesController {

  private final ExchangeLogQuery query;
  private final int maxPageSize;

  public AdminExchangesController(ExchangeLogQuery query, AuditProperties audit) {
    this.query = query;
    this.maxPageSize = audit.maxQueryPageSize();
  }

  @GetMapping
  public ExchangeLogQuery.Page search(
      @RequestParam(required = false) String messageId,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size) {
    ExchangeLogQuery.Filter filter =
        new ExchangeLogQuery.Filter(
            text("messageId", messageId),
            text("client", client),
            text("service", service),
            status == null ? null : integer("status", status, 100, 599),
            instant("from", from),
            instant("to", to));
    return query.find(filter, integer("page", page, 0, 1_000_000), integer("size", size, 1, maxPageSize));
  }

  private static String text(String name, String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > 400 || value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name, "must be 1-400 printable characters");
    }
    return value;
  }

  private static int integer(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw invalid(name, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(name, "must be a whole number");
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "must be an ISO 8601 instant such as 2026-01-31T08:00:00Z");
    }
  }

  private static HubProblemException invalid(String name, String rule) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, "query parameter '" + name + "' " + rule);
  }
}
