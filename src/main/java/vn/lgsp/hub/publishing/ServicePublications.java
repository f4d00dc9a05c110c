package vn.lgsp.hub.publishing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.ops.ApiCallers;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * The life of a service a provider publishes at runtime: {@code draft → submitted → published →
 * deprecated → withdrawn}, an operator's approval between submitted and published. Each change bumps the
 * publication's revision (one sequence for all), which every hub's {@link ServiceRuntime} follows; each
 * is also a row of the publication's history. Only the provider's own member acts on its services.
 */
@Component
public class ServicePublications {

  public static final String DRAFT = "draft";
  public static final String SUBMITTED = "submitted";
  public static final String PUBLISHED = "published";
  public static final String DEPRECATED = "deprecated";
  public static final String WITHDRAWN = "withdrawn";

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String COLUMNS = "id, service, version, provider_member, state, connector_id, route_ids::text AS"
      + " route_ids, descriptor, routes, sunset, created_by, created_at, changed_at, revision";

  /** A publication as its provider and the operators see it. */
  public record Publication(UUID id, String service, String version, String providerMember, String state,
      String connectorId, List<String> routeIds, String descriptor, String routes, LocalDate sunset, String createdBy,
      Instant createdAt, Instant changedAt, long revision, List<Event> history) {}

  /** One change of a publication's state. */
  public record Event(Instant at, String actor, String action, String state, String reason) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ConnectorRegistry connectors;
  private final ServiceCatalog catalog;
  private final ObjectMapper json;
  private final Clock clock;

  public ServicePublications(JdbcTemplate jdbc, TransactionTemplate tx, ConnectorRegistry connectors,
      ServiceCatalog catalog, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.connectors = connectors;
    this.catalog = catalog;
    this.json = json;
    this.clock = clock;
  }

  /**
   * A provider's draft from its OpenAPI document or its WSDL: generated, checked as a file would be, stored
   * for review.
   */
  public Publication draft(SubsystemId caller, OpenApiImport.Submission submission) {
    mustBeOwnMember(caller, submission.provider().toString());
    boolean soap = submission.wsdl() != null;
    OpenApiImport.Draft draft = soap ? WsdlImport.draft(submission) : OpenApiImport.draft(submission);
    try {
      connectors.check(draft.descriptor(), soap);
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("publishing.descriptor", e.getMessage()));
    }
    refuseClashWithFiles(draft);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    try {
      tx.executeWithoutResult(status -> {
        jdbc.update("INSERT INTO service_publication (" + COLUMNS.replace("route_ids::text AS route_ids", "route_ids")
            + ", open_api, wsdl) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, NULL, ?, ?, ?,"
            + " nextval('service_publication_revision'), ?, ?)", id, draft.service().toString(), submission.version(),
            ApiCallers.member(submission.provider()), DRAFT, draft.connectorId(), json.writeValueAsString(draft.routeIds()),
            draft.descriptor(), draft.routes(), caller.toString(), utc(now), utc(now), submission.openApi(),
            submission.wsdl());
        event(id, caller.toString(), "draft", DRAFT, null, now);
      });
    } catch (DuplicateKeyException e) {
      throw new HubProblemException(ProblemType.CONFLICT,
          ProblemText.of("publishing.version-exists", draft.service().toString(), submission.version()));
    }
    return find(id);
  }

  public Publication submit(SubsystemId caller, UUID id, String reason) {
    mustBeOwnMember(caller, publication(id).providerMember());
    return move(id, caller.toString(), "submit", Set.of(DRAFT), SUBMITTED, reason, null);
  }

  /** The operator's approval: the service goes live on every hub. */
  public Publication approve(String operator, UUID id, String reason) {
    Publication publication = publication(id);
    refuseClashWithFiles(new OpenApiImport.Draft(null, publication.connectorId(), publication.routeIds(), List.of(),
        publication.descriptor(), publication.routes()));
    return move(id, operator, "approve", Set.of(SUBMITTED), PUBLISHED, reason, null);
  }

  /** The operator sends a submission back to its provider as a draft, with the reason. */
  public Publication reject(String operator, UUID id, String reason) {
    return move(id, operator, "reject", Set.of(SUBMITTED), DRAFT, reason, null);
  }

  /** Still served, its answers announcing the sunset day, until withdrawn. */
  public Publication deprecate(SubsystemId caller, UUID id, LocalDate sunset, String reason) {
    mustBeOwnMember(caller, publication(id).providerMember());
    return move(id, caller.toString(), "deprecate", Set.of(PUBLISHED, DEPRECATED), DEPRECATED, reason, sunset);
  }

  /** By its provider or an operator: removed from every hub. */
  public Publication withdraw(String actor, SubsystemId provider, UUID id, String reason) {
    if (provider != null) {
      mustBeOwnMember(provider, publication(id).providerMember());
    }
    return move(id, actor, "withdraw", Set.of(DRAFT, SUBMITTED, PUBLISHED, DEPRECATED), WITHDRAWN, reason, null);
  }

  /** A publication with its history. */
  public Publication find(UUID id) {
    return withHistory(List.of(publication(id))).get(0);
  }

  /** A publication as its row holds it, for the checks of a change (no history read). */
  private Publication publication(UUID id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM service_publication WHERE id = ?", this::row, id).stream().findFirst()
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "publishing.unknown"));
  }

  /** A member's publications, or every one (member null), newest first. */
  public List<Publication> list(String member) {
    return withHistory(member == null
        ? jdbc.query("SELECT " + COLUMNS + " FROM service_publication ORDER BY created_at DESC LIMIT 1000", this::row)
        : jdbc.query("SELECT " + COLUMNS + " FROM service_publication WHERE provider_member = ? ORDER BY created_at DESC"
            + " LIMIT 1000", this::row, member));
  }

  private Publication move(UUID id, String actor, String action, Set<String> from, String to, String reason,
      LocalDate sunset) {
    Publication publication = publication(id);
    if (!from.contains(publication.state())) {
      throw new HubProblemException(ProblemType.CONFLICT,
          ProblemText.of("publishing.state", action, publication.state()));
    }
    Instant now = clock.instant();
    tx.executeWithoutResult(status -> {
      int changed = jdbc.update("UPDATE service_publication SET state = ?, sunset = coalesce(?, sunset), changed_at = ?,"
          + " revision = nextval('service_publication_revision') WHERE id = ? AND state = ?", to, sunset, utc(now), id,
          publication.state());
      if (changed != 1) {
        throw new HubProblemException(ProblemType.CONFLICT,
            ProblemText.of("publishing.state", action, publication.state()));
      }
      event(id, actor, action, to, reason, now);
    });
    return find(id);
  }

  /** A service the files publish, or a route of theirs, is not a provider's to take over. */
  private void refuseClashWithFiles(OpenApiImport.Draft draft) {
    Set<String> ours = Set.copyOf(draft.routeIds());
    for (PublishedService service : catalog.services()) {
      boolean fromFiles = service.connectorId() == null || connectors.isFromFiles(service.connectorId());
      boolean clash = fromFiles
          ? ours.contains(service.routeId()) || draft.service() != null && service.service().equals(draft.service())
          : ours.contains(service.routeId()) && !service.connectorId().equals(draft.connectorId());
      if (clash) {
        throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("publishing.exists", service.routeId()));
      }
    }
  }

  private static void mustBeOwnMember(SubsystemId caller, String providerOrMember) {
    String member = ApiCallers.member(caller);
    if (!providerOrMember.equals(member) && !providerOrMember.startsWith(member + "/")) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, "publishing.not-your-member");
    }
  }

  private void event(UUID id, String actor, String action, String state, String reason, Instant at) {
    jdbc.update("INSERT INTO service_publication_event (publication, at, actor, action, state, reason)"
        + " VALUES (?, ?, ?, ?, ?, ?)", id, utc(at), actor, action, state, reason);
  }

  /** The publications with their histories, read in one query for all of them. */
  private List<Publication> withHistory(List<Publication> found) {
    if (found.isEmpty()) {
      return found;
    }
    Map<UUID, List<Event>> histories = new HashMap<>();
    jdbc.query(connection -> {
      PreparedStatement select = connection.prepareStatement("SELECT publication, at, actor, action, state, reason"
          + " FROM service_publication_event WHERE publication = ANY(?) ORDER BY id");
      select.setArray(1, connection.createArrayOf("uuid", found.stream().map(Publication::id).toArray()));
      return select;
    }, (ResultSet rs) -> {
      histories.computeIfAbsent(rs.getObject("publication", UUID.class), id -> new ArrayList<>()).add(new Event(
          rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("action"),
          rs.getString("state"), rs.getString("reason")));
    });
    return found.stream().map(p -> new Publication(p.id(), p.service(), p.version(), p.providerMember(), p.state(),
        p.connectorId(), p.routeIds(), p.descriptor(), p.routes(), p.sunset(), p.createdBy(), p.createdAt(),
        p.changedAt(), p.revision(), histories.getOrDefault(p.id(), List.of()))).toList();
  }

  private Publication row(ResultSet rs, int i) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    return new Publication(id, rs.getString("service"), rs.getString("version"), rs.getString("provider_member"),
        rs.getString("state"), rs.getString("connector_id"), json.readValue(rs.getString("route_ids"), STRINGS),
        rs.getString("descriptor"), rs.getString("routes"), rs.getObject("sunset", LocalDate.class),
        rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getLong("revision"), List.of());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** For the runtime: the live publications (published or deprecated) and their revisions. */
  List<Publication> live() {
    return jdbc.query("SELECT " + COLUMNS + " FROM service_publication WHERE state IN (?, ?)", this::row, PUBLISHED,
        DEPRECATED);
  }

  /** The WSDL a SOAP publication was made from; empty for one made from an OpenAPI document. */
  Optional<String> wsdl(UUID id) {
    return Optional.ofNullable(jdbc.queryForObject("SELECT wsdl FROM service_publication WHERE id = ?", String.class, id));
  }

  long newestRevision() {
    Long newest = jdbc.queryForObject("SELECT max(revision) FROM service_publication", Long.class);
    return newest == null ? 0 : newest;
  }
}
