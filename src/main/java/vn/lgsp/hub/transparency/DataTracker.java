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
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.audit.query.ExchangeLogQuery;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.RequestParameters;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.Bilingual.Language;
import vn.lgsp.hub.protocol.ServiceId;
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

  /**
   * One access, in the tracker's vocabulary.
   *
   * @param action what was done, for the citizen to read: the service's title in the caller's
   *     language (Vietnamese unless it asks for English); the service id if the hub no longer
   *     publishes the service
   * @param service the service id, for machines to match on (what {@code action} held before)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Usage(
      Instant logtime, String action, String service, String receiverCode, String receiverName, String receiverSystem,
      String purpose) {}

  private final ExchangeLogQuery query;
  private final SubjectHasher hasher;
  private final Map<String, String> memberNames;
  private final ServiceCatalog catalog;
  private final Clock clock;

  public DataTracker(ExchangeLogQuery query, SubjectHasher hasher, AccessProperties access, ServiceCatalog catalog,
      Clock clock) {
    this.query = query;
    this.hasher = hasher;
    this.memberNames = access.memberNames();
    this.catalog = catalog;
    this.clock = clock;
  }

  /** {@code GET /datatracker/v1/findUsage?personalId=&periodStart=&periodEnd=&offset=&limit=}. */
  public Answer findUsage(Exchange exchange) {
    ExchangeContext context = ExchangeContext.of(exchange);
    Map<String, String> params = RequestParameters.queryParameters(exchange);
    LogFilters.refuseUnknown(params, PARAMETERS);
    if (context.subjectId() == null) {
      throw LogFilters.invalid("personalId", "required");
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
    Map<ServiceId, Bilingual> titles = catalog.titles();
    Language language = Language.of(exchange.getIn().getHeader(HttpHeaders.ACCEPT_LANGUAGE, String.class));
    return new Answer(usages.total(), usages.items().stream().map(u -> usage(u, titles, language)).toList());
  }

  private Usage usage(ExchangeLogQuery.Usage u, Map<ServiceId, Bilingual> titles, Language language) {
    SubsystemId receiver = SubsystemId.parse(u.clientId());
    String member = receiver.instance() + "/" + receiver.memberClass() + "/" + receiver.memberCode();
    return new Usage(u.at(), action(u.serviceId(), titles, language), u.serviceId(), receiver.memberCode(),
        memberNames.getOrDefault(member, member), receiver.toString(), u.issue());
  }

  private static String action(String serviceId, Map<ServiceId, Bilingual> titles, Language language) {
    try {
      Bilingual title = titles.get(ServiceId.parse(serviceId));
      return title == null ? serviceId : title.in(language);
    } catch (IllegalArgumentException e) {
      return serviceId;
    }
  }
}
