package vn.lgsp.hub.rights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.ops.ApiCallers;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.rights.AccessRequest.Decision;
import vn.lgsp.hub.rights.AccessRequest.LegalBasis;
import vn.lgsp.hub.rights.AccessRequest.Revocation;

/**
 * Access requests, from the consumer's request to the provider's written answer: a grant (perhaps
 * narrower than asked) becomes a right in a new version of the rights, in the same transaction as the
 * request's new state; a refusal needs a reason and a legal basis; a revocation removes the right at
 * once. Only the administrator of the member that provides the service decides.
 */
@Component
public class AccessRequests {

  private static final TypeReference<List<String>> FIELDS = new TypeReference<>() {};
  private static final String COLUMNS = "id, consumer, service, fields::text AS fields, purpose, legal_document,"
      + " legal_article, valid_until, state, requested_at, decided_by, decided_at, decision_reason,"
      + " decision_legal_document, decision_legal_article, granted_fields::text AS granted_fields, granted_until,"
      + " revoked_by, revoked_at, revocation_reason";

  /** What a consumer asks for. */
  public record Ask(String service, List<String> fields, String purpose, LegalBasis legalBasis, LocalDate validUntil) {}

  /** A provider's grant: fields and last day are the request's unless narrowed. */
  public record Grant(List<String> fields, LocalDate validUntil, String reason, LegalBasis legalBasis) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AccessRightsStore rights;
  private final AccessPolicy policy;
  private final ServiceCatalog catalog;
  private final RightsProperties properties;
  private final ObjectMapper json;
  private final Clock clock;

  public AccessRequests(JdbcTemplate jdbc, TransactionTemplate tx, AccessRightsStore rights, AccessPolicy policy,
      ServiceCatalog catalog, RightsProperties properties, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.rights = rights;
    this.policy = policy;
    this.catalog = catalog;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  /** Files a consumer's request; the service must be published and the fields be fields of its answer. */
  public AccessRequest submit(SubsystemId consumer, Ask ask) {
    ServiceId service = serviceId(ask.service());
    List<PublishedService> endpoints = endpointsOf(service);
    if (endpoints.isEmpty()) {
      throw new HubProblemException(ProblemType.UNKNOWN_SERVICE,
          ProblemText.of("access-request.unknown-service", ask.service()));
    }
    checkFields(service, endpoints, ask.fields());
    LocalDate today = policy.today();
    if (!ask.validUntil().isAfter(today) || ask.validUntil().isAfter(today.plusDays(properties.maxValidity()))) {
      throw invalid("access-request.valid-until", properties.maxValidity());
    }
    UUID id = UUID.randomUUID();
    jdbc.update("INSERT INTO access_request (id, consumer, service, provider_member, fields, purpose, legal_document,"
        + " legal_article, valid_until, state, requested_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)",
        id, consumer.toString(), service.toString(), ApiCallers.member(service.provider()), json.writeValueAsString(ask.fields()),
        ask.purpose(), ask.legalBasis().document(), ask.legalBasis().article(), ask.validUntil(), AccessRequest.PENDING,
        utc(clock.instant()));
    return find(id);
  }

  public AccessRequest find(UUID id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM access_request WHERE id = ?", this::row, id).stream().findFirst()
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "access-request.unknown"));
  }

  /** A consumer's own requests, newest first. */
  public List<AccessRequest> ofConsumer(SubsystemId consumer, String state) {
    return list("consumer = ?", consumer.toString(), state);
  }

  /** The requests for the services of a member (a provider), newest first. */
  public List<AccessRequest> ofProvider(String member, String state) {
    return list("provider_member = ?", member, state);
  }

  /** Every request, or only the overdue ones, for operators. */
  public List<AccessRequest> all(boolean overdueOnly) {
    List<AccessRequest> all = jdbc.query("SELECT " + COLUMNS + " FROM access_request ORDER BY requested_at DESC LIMIT 1000",
        this::row);
    return overdueOnly ? all.stream().filter(AccessRequest::overdue).toList() : all;
  }

  /** The provider grants: the right is in force on this hub when this returns, on every hub within seconds. */
  public AccessRequest grant(SubsystemId provider, UUID id, Grant grant) {
    AccessRequest request = decidable(provider, id);
    List<String> fields = grant.fields() == null ? request.fields() : grant.fields();
    ServiceId service = ServiceId.parse(request.service());
    checkFields(service, endpointsOf(service), fields);
    if (!request.fields().isEmpty() && !request.fields().containsAll(fields)) {
      throw invalid("access-request.wider-fields");
    }
    LocalDate until = grant.validUntil() == null ? request.validUntil() : grant.validUntil();
    if (until.isAfter(request.validUntil()) || !until.isAfter(policy.today())) {
      throw invalid("access-request.wider-period");
    }
    Instant now = clock.instant();
    tx.executeWithoutResult(status -> {
      decide(id, AccessRequest.GRANTED, provider, now, grant.reason(), grant.legalBasis(), fields, until);
      // read under the lock that orders changes of the rights: the request whose right this grant replaces
      AtomicReference<String> replaced = new AtomicReference<>();
      rights.change(provider.toString(), "access request " + id + " granted", AccessRightsStore.ACCESS_REQUEST, false,
          current -> {
            replaced.set(RightsDocuments.grantedBy(current, request.consumer(), request.service()));
            // a right that accepts signed requests only stays so when a request renews it
            return RightsDocuments.withRight(current, request.consumer(), request.service(),
                new ServiceGrant(request.service(), fields, null, until, id.toString(),
                    RightsDocuments.signedRequestsOnly(current, request.consumer(), request.service())));
          });
      if (replaced.get() != null && !replaced.get().equals(id.toString())) {
        // one right per client and service: the older request no longer reads granted
        jdbc.update("UPDATE access_request SET state = ?, revoked_by = ?, revoked_at = ?, revocation_reason = ?"
            + " WHERE id::text = ? AND state = ?", AccessRequest.REVOKED, provider.toString(), utc(now),
            "superseded by access request " + id, replaced.get(), AccessRequest.GRANTED);
      }
    });
    rights.refresh();
    return find(id);
  }

  /** The provider refuses, in writing: a reason and a legal basis, both required. */
  public AccessRequest refuse(SubsystemId provider, UUID id, String reason, LegalBasis legalBasis) {
    decidable(provider, id);
    tx.executeWithoutResult(status ->
        decide(id, AccessRequest.REFUSED, provider, clock.instant(), reason, legalBasis, null, null));
    return find(id);
  }

  /** The provider revokes a granted right: gone from the next request on. */
  public AccessRequest revoke(SubsystemId provider, UUID id, String reason) {
    AccessRequest request = find(id);
    mustProvide(provider, request);
    if (!Set.of(AccessRequest.GRANTED, AccessRequest.EXPIRED).contains(request.state())) {
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("access-request.not-granted", request.state()));
    }
    tx.executeWithoutResult(status -> {
      int changed = jdbc.update("UPDATE access_request SET state = ?, revoked_by = ?, revoked_at = ?, revocation_reason = ?"
          + " WHERE id = ? AND state = ?", AccessRequest.REVOKED, provider.toString(), utc(clock.instant()), reason, id,
          AccessRequest.GRANTED);
      if (changed != 1) {
        throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("access-request.not-granted", "?"));
      }
      rights.change(provider.toString(), "access request " + id + " revoked: " + reason, AccessRightsStore.ACCESS_REQUEST,
          false, current -> withoutRightOf(current, request));
    });
    rights.refresh();
    return find(id);
  }

  private static List<vn.lgsp.hub.access.AccessProperties.ClientGrants> withoutRightOf(
      List<vn.lgsp.hub.access.AccessProperties.ClientGrants> current, AccessRequest request) {
    boolean granted = current.stream().filter(c -> c.client().equals(request.consumer()))
        .flatMap(c -> c.services().stream())
        .anyMatch(s -> s.service().equals(request.service()) && request.id().toString().equals(s.accessRequest()));
    // a right the configuration has given since is not this request's to take away
    return granted ? RightsDocuments.withRight(current, request.consumer(), request.service(), null) : current;
  }

  private AccessRequest decidable(SubsystemId provider, UUID id) {
    AccessRequest request = find(id);
    mustProvide(provider, request);
    if (!AccessRequest.PENDING.equals(request.state())) {
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("access-request.decided", request.state()));
    }
    return request;
  }

  private static void mustProvide(SubsystemId provider, AccessRequest request) {
    if (!ApiCallers.member(ServiceId.parse(request.service()).provider()).equals(ApiCallers.member(provider))) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, "access-request.not-provider");
    }
  }

  private void decide(UUID id, String state, SubsystemId by, Instant at, String reason, LegalBasis basis,
      List<String> fields, LocalDate until) {
    int changed = jdbc.update("UPDATE access_request SET state = ?, decided_by = ?, decided_at = ?, decision_reason = ?,"
        + " decision_legal_document = ?, decision_legal_article = ?, granted_fields = ?::jsonb, granted_until = ?"
        + " WHERE id = ? AND state = ?", state, by.toString(), utc(at), reason, basis == null ? null : basis.document(),
        basis == null ? null : basis.article(), fields == null ? null : json.writeValueAsString(fields), until, id,
        AccessRequest.PENDING);
    if (changed != 1) {
      // another administrator answered between our read and this write
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("access-request.decided", "?"));
    }
  }

  private static ServiceId serviceId(String text) {
    try {
      return ServiceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid("access-request.service");
    }
  }

  /** The service's published endpoints (its routes), read once from the catalogue. */
  private List<PublishedService> endpointsOf(ServiceId service) {
    return catalog.services().stream().filter(s -> s.service().equals(service)).toList();
  }

  /** Each field must be a field of the answer of one of the service's endpoints. */
  private static void checkFields(ServiceId service, List<PublishedService> endpoints, List<String> fields) {
    Set<String> known = new HashSet<>();
    endpoints.stream().map(PublishedService::operation).filter(Objects::nonNull)
        .forEach(o -> known.addAll(ServiceFields.of(o.schema())));
    for (String field : fields) {
      if (!known.contains(field)) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST,
            ProblemText.of("access-request.unknown-field", "fields", field, service.toString()));
      }
    }
  }

  private List<AccessRequest> list(String where, String value, String state) {
    List<Object> args = new ArrayList<>(List.of(value));
    String sql = "SELECT " + COLUMNS + " FROM access_request WHERE " + where;
    if (state != null && !AccessRequest.EXPIRED.equals(state)) {
      sql += " AND state = ?";
      args.add(state);
    }
    List<AccessRequest> found = jdbc.query(sql + " ORDER BY requested_at DESC LIMIT 1000", this::row, args.toArray());
    return state == null ? found : found.stream().filter(r -> r.state().equals(state)).toList();
  }

  private AccessRequest row(ResultSet rs, int i) throws SQLException {
    String state = rs.getString("state");
    LocalDate grantedUntil = rs.getObject("granted_until", LocalDate.class);
    if (AccessRequest.GRANTED.equals(state) && grantedUntil != null && policy.today().isAfter(grantedUntil)) {
      state = AccessRequest.EXPIRED;
    }
    Instant requestedAt = instant(rs, "requested_at");
    Decision decision = rs.getString("decided_by") == null ? null : new Decision(rs.getString("decided_by"),
        instant(rs, "decided_at"), rs.getString("decision_reason"), legalBasis(rs, "decision_legal_document",
            "decision_legal_article"), rs.getString("granted_fields") == null ? null
            : json.readValue(rs.getString("granted_fields"), FIELDS), grantedUntil);
    Revocation revocation = rs.getString("revoked_by") == null ? null
        : new Revocation(rs.getString("revoked_by"), instant(rs, "revoked_at"), rs.getString("revocation_reason"));
    return new AccessRequest(rs.getObject("id", UUID.class), rs.getString("consumer"), rs.getString("service"),
        json.readValue(rs.getString("fields"), FIELDS), rs.getString("purpose"),
        legalBasis(rs, "legal_document", "legal_article"), rs.getObject("valid_until", LocalDate.class), state,
        requestedAt, AccessRequest.PENDING.equals(state) && overdue(requestedAt), decision, revocation);
  }

  /** Pending for more working days than the provider has to answer. */
  private boolean overdue(Instant requestedAt) {
    return WorkingDays.after(LocalDate.ofInstant(requestedAt, AccessPolicy.LEGAL_ZONE), policy.today(),
        properties.holidays()) > properties.answerWithinWorkingDays();
  }

  private static LegalBasis legalBasis(ResultSet rs, String document, String article) throws SQLException {
    return rs.getString(document) == null ? null : new LegalBasis(rs.getString(document), rs.getString(article));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static HubProblemException invalid(String key, Object... args) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of(key, args));
  }
}
