package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.files.ExchangeLogExport;
import vn.lgsp.hub.audit.payload.CapturedPayloads;
import vn.lgsp.hub.audit.query.ExchangeLogQuery;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Auditors and operators search the exchange log, see its statistics, export it, and read a
 * captured payload for a stated reason. Behind HTTP basic authentication (see the security chain).
 */
@RestController
@RequestMapping("/admin/api/exchanges")
public class AdminExchangesController {

  private static final int MAX_STATISTICS_DAYS = 92;
  private static final Set<String> SEARCH_PARAMETERS = LogFilters.searchAnd("page", "size", "reason");
  private static final Set<String> STATISTICS_PARAMETERS = LogFilters.searchAnd("granularity");
  private static final Set<String> EXPORT_PARAMETERS = Set.of("from", "to", "format", "reason");

  private final ExchangeLogQuery query;
  private final LogFilters filters;
  private final ExchangeLogExport export;
  private final CapturedPayloads payloads;
  private final AdminActionRecorder recorder;
  private final Clock clock;
  private final int maxPageSize;

  public AdminExchangesController(
      ExchangeLogQuery query,
      LogFilters filters,
      ExchangeLogExport export,
      CapturedPayloads payloads,
      AdminActionRecorder recorder,
      AuditProperties audit,
      Clock clock) {
    this.query = query;
    this.filters = filters;
    this.export = export;
    this.payloads = payloads;
    this.recorder = recorder;
    this.clock = clock;
    this.maxPageSize = audit.maxQueryPageSize();
  }

  /**
   * Search: messageId, client, service, status, errorType, purpose, personalId, kind, from, to; page,
   * size. A search for a person's exchanges is itself an admin action (with an optional reason).
   */
  @GetMapping
  public ExchangeLogQuery.Page search(@RequestParam Map<String, String> params, HttpServletRequest request) {
    Instant started = clock.instant();
    ExchangeLogQuery.Filter filter = filters.parse(params, SEARCH_PARAMETERS);
    LogFilters.Paging paging = LogFilters.Paging.of(params, maxPageSize);
    ExchangeLogQuery.Page page = query.find(filter, paging.page(), paging.size());
    if (filter.subjectHash() != null) {
      recorder.recordNow(request, "exchange-log.search-person", LogFilters.text(params, "reason"),
          request.getRequestURI(), 200, null, started);
    }
    return page;
  }

  /** Counts and latency percentiles per hour or day, client, service and status. */
  @GetMapping("/statistics")
  public Map<String, Object> statistics(@RequestParam Map<String, String> params) {
    String granularity = params.getOrDefault("granularity", "hour");
    if (!List.of("hour", "day").contains(granularity)) {
      throw LogFilters.invalid("granularity", "granularity");
    }
    Instant from = LogFilters.instant(params, "from");
    Instant to = params.containsKey("to") ? LogFilters.instant(params, "to") : clock.instant();
    if (from == null || !from.isBefore(to) || Duration.between(from, to).toDays() > MAX_STATISTICS_DAYS) {
      throw LogFilters.invalid("from", "statistics-range", MAX_STATISTICS_DAYS);
    }
    ExchangeLogQuery.Filter filter = filters.parse(params, STATISTICS_PARAMETERS);
    return Map.of("granularity", granularity, "buckets",
        query.statistics(filter, ExchangeLogQuery.Granularity.valueOf(granularity.toUpperCase())));
  }

  /**
   * Streams the records of {@code [from, to)}: {@code format=jsonl} (default) is a signed stretch of
   * the chain that the verification command checks; {@code format=csv} is for spreadsheets. The
   * export is recorded in the admin trail before it starts.
   */
  @GetMapping("/export")
  public void export(@RequestParam Map<String, String> params, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    LogFilters.refuseUnknown(params, EXPORT_PARAMETERS);
    Instant from = LogFilters.instant(params, "from");
    Instant to = params.containsKey("to") ? LogFilters.instant(params, "to") : clock.instant();
    if (from == null || !from.isBefore(to)) {
      throw LogFilters.invalid("from", "before-to");
    }
    String format = params.getOrDefault("format", "jsonl");
    if (!List.of("jsonl", "csv").contains(format)) {
      throw LogFilters.invalid("format", "export-format");
    }
    // recorded before a byte leaves: an export is a disclosure
    recorder.recordNow(request, "exchange-log.export", LogFilters.text(params, "reason"),
        request.getRequestURI() + "?" + request.getQueryString(), 200, null, clock.instant());
    String name = "exchange-log-" + from.getEpochSecond() + "-" + to.getEpochSecond() + "." + format;
    response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.setContentType("jsonl".equals(format) ? "application/jsonl" : "text/csv; charset=utf-8");
    try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16)) {
      if ("jsonl".equals(format)) {
        export.jsonLines(from, to, out);
      } else {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        export.csv(from, to, writer);
        writer.flush();
      }
    }
  }

  /**
   * The captured request and response of one exchange, decrypted. The operator must give a
   * reason; the reading is recorded in the chain before the payload is shown.
   */
  @GetMapping("/{id}/payload")
  public ResponseEntity<CapturedPayloads.Disclosed> payload(
      @PathVariable String id, @RequestParam Map<String, String> params, HttpServletRequest request) {
    Instant started = clock.instant();
    UUID recordId;
    try {
      recordId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "record-id.uuid");
    }
    String reason = LogFilters.text(params, "reason");
    if (reason == null || params.size() > 1) {
      throw LogFilters.invalid("reason", "payload-reason");
    }
    var disclosed = payloads.read(recordId);
    int status = disclosed.isPresent() ? 200 : ProblemType.NOT_FOUND.status();
    recorder.recordNow(request, "exchange-log.payload-read", reason, request.getRequestURI(), status,
        disclosed.isPresent() ? null : ProblemType.NOT_FOUND.code(), started);
    return disclosed.map(d -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(d))
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "payload.none"));
  }
}
