package vn.lgsp.hub.transparency;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.audit.query.ExchangeLogQuery;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.RequestParameters;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * The data tracker for citizens, after Estonia's Data Tracker {@code findUsage}: who accessed a
 * person's data, with which service, for which dossier, newest first. Covert accesses (an
 * investigative body's, per its access right) stay hidden until their release date. Each time the
 * tracker hides some, its own exchange record says so for operators: not a separate record, whose
 * position or timing the asking portal could notice.
 */
@Component
public class DataTracker {

  /** Starts the operator note of a tracker exchange that hid covert usages. */
  public static final String COVERT_HIDDEN = "data-tracker.covert-hidden";

  static final Set<String> PARAMETERS = Set.of("personalId", "periodStart", "periodEnd", "offset", "limit");

  /** The answer of {@code findUsage}. */
  public record Answer(long totalUsages, List<Usage> usages) {}

  /** One access, in the tracker's vocabulary. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Usage(
      Instant logtime, String action, String receiverCode, String receiverName, String receiverSystem, String purpose) {}

  private final ExchangeLogQuery query;
  private final SubjectHasher hasher;
  private final Map<String, String> memberNames;
  private final Clock clock;

  public DataTracker(ExchangeLogQuery query, SubjectHasher hasher, AccessProperties access,
      Clock clock) {
    this.query = query;
    this.hasher = hasher;
    this.memberNames = access.memberNames();
    this.clock = clock;
  }

  /** {@code GET /datatracker/v1/findUsage?personalId=&periodStart=&periodEnd=&offset=&limit=}. */
  public Answer findUsage(Exchange exchange) {
    ExchangeContext context = ExchangeContext.of(exchange);
    Map<String, String> params = RequestParameters.queryParameters(exchange);
    LogFilters.refuseUnknown(params, PARAMETERS);
    if (context.subjectId() == null) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "personalId is required");
    }
    Instant start = LogFilters.instant(params, "periodStart");
    Instant end = LogFilters.end(params, "periodEnd");
    start = start == null ? Instant.EPOCH : start;
    end = end == null ? clock.instant().plusSeconds(1) : end;
    int offset = LogFilters.integer("offset", params.getOrDefault("offset", "0"), 0, 1_000_000);
    int limit = LogFilters.integer("limit", params.getOrDefault("limit", "20"), 1, 100);

    String subjectHash = hasher.hash(context.subjectId());
    ExchangeLogQuery.Usages usages =
        query.usages(subjectHash, start, end, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), offset, limit);
    if (usages.hiddenCovert() > 0) {
      context.operatorNote(COVERT_HIDDEN + ": " + usages.hiddenCovert() + " usage(s) hidden under a covert access right");
    }
    return new Answer(usages.total(), usages.items().stream().map(this::usage).toList());
  }

  private Usage usage(ExchangeLogQuery.Usage u) {
    SubsystemId receiver = SubsystemId.parse(u.clientId());
    String member = receiver.instance() + "/" + receiver.memberClass() + "/" + receiver.memberCode();
    return new Usage(u.at(), u.serviceId(), receiver.memberCode(), memberNames.getOrDefault(member, member),
        receiver.toString(), u.issue());
  }
}
