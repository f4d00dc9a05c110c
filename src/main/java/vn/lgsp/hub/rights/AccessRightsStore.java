package vn.lgsp.hub.rights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.FollowedState;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.audit.pipeline.AuditTrail;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Keeps the access rights in PostgreSQL as numbered versions, each with its author, time, reason and
 * previous version, and puts the newest in force on this hub ({@link AccessPolicy}). Every hub on the
 * database reads the newest version's number every half second and loads a newer one whole, so a change
 * made on one hub holds on all within about a second; a change made here holds here at once. Changes
 * are serialised by a transaction-scoped advisory lock, so two hubs never number two versions alike.
 * The rights of the configuration ({@code hub.access}, config/access-rights.yaml) are imported at the
 * first start, and again whenever the files differ from what was last imported from them: the files
 * are a GitOps path, and rights granted through access requests survive such an import. The version
 * in force is copied to the data directory, so that a start while the database is down keeps the last
 * known rights, not the files'.
 */
@Component
public class AccessRightsStore extends FollowedState {

  /** Where a version came from. */
  public static final String CONFIGURATION = "configuration";
  public static final String ACCESS_REQUEST = "access-request";
  public static final String ROLLBACK = "rollback";

  private static final Logger log = LoggerFactory.getLogger(AccessRightsStore.class);
  /** Any fixed number: the advisory lock that orders changes of the rights across hubs. */
  private static final long CHANGE_LOCK = 0x6c67737072696768L;
  private static final TypeReference<List<ClientGrants>> DOCUMENT = new TypeReference<>() {};
  private static final int MAX_REASON = 1000;
  private static final String VERSION_COLUMNS =
      "SELECT version, changed_at, author, reason, source, previous_version FROM access_rights_version";

  /**
   * A version of the rights.
   *
   * @param previousVersion the version it replaced; null for the first
   */
  public record Version(long version, Instant changedAt, String author, String reason, String source,
      Long previousVersion) {}

  /** A version and what it changed; {@code version} is null for a dry run or when nothing changed. */
  public record Change(Version version, List<RightsDiff.Entry> diff) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AccessPolicy policy;
  private final AccessProperties configuration;
  private final AuditTrail trail;
  private final ObjectMapper json;
  private final Clock clock;
  private final Path copy;

  public AccessRightsStore(JdbcTemplate jdbc, TransactionTemplate tx, AccessPolicy policy,
      AccessProperties configuration, AuditTrail trail, ObjectMapper json, HubProperties hub, Clock clock) {
    super("access-rights-refresh", "access rights", log);
    this.jdbc = jdbc;
    this.tx = tx;
    this.policy = policy;
    this.configuration = configuration;
    this.trail = trail;
    this.json = json;
    this.clock = clock;
    this.copy = hub.dataDir().resolve("access-rights.json");
  }

  /**
   * Makes a change: {@code edit} turns the newest rights into the new ones, inside the change's lock.
   * A change that changes nothing makes no version.
   */
  public Change change(String author, String why, String source, boolean dryRun,
      UnaryOperator<List<ClientGrants>> edit) {
    // the column's size; a reason is up to 1,000 characters, and an access request's id comes before it
    String reason = why.length() <= MAX_REASON ? why : why.substring(0, MAX_REASON - 1) + "…";
    Change change = tx.execute(status -> {
      jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, CHANGE_LOCK);
      Optional<Version> newest = newest();
      List<ClientGrants> before = newest.map(v -> rights(v.version()).orElseThrow()).orElse(List.of());
      List<ClientGrants> after = RightsDocuments.tidy(edit.apply(before));
      try {
        RightsDocuments.check(after);
      } catch (IllegalArgumentException e) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.invalid", e.getMessage()));
      }
      List<RightsDiff.Entry> diff = RightsDiff.between(before, after);
      if (dryRun || (diff.isEmpty() && newest.isPresent())) {
        return new Change(null, diff);
      }
      Version version = new Version(newest.map(v -> v.version() + 1).orElse(1L), clock.instant(), author, reason, source,
          newest.map(Version::version).orElse(null));
      jdbc.update("INSERT INTO access_rights_version (version, changed_at, author, reason, source, previous_version,"
          + " rights) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)", version.version(),
          OffsetDateTime.ofInstant(version.changedAt(), ZoneOffset.UTC), author, reason, source,
          version.previousVersion(), json.writeValueAsString(after));
      return new Change(version, diff);
    });
    // inside a caller's transaction (a grant), the caller refreshes once it has committed
    if (change.version() != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
      refresh();
    }
    return change;
  }

  /**
   * Puts an older version's rights back in force, as a new version; rights granted by access requests stay
   * as their requests now stand.
   */
  public Change rollback(long to, String author, String reason) {
    List<ClientGrants> older = rights(to).orElseThrow(() -> new IllegalArgumentException("no version " + to));
    return change(author, "rollback to version " + to + ": " + reason, ROLLBACK, false,
        current -> RightsDocuments.rolledBack(current, older));
  }

  /**
   * Applies the rights of a configuration (files): its rights replace the configuration's, and a right
   * granted by an access request stays unless the files name the same client and service.
   */
  public Change applyConfiguration(List<ClientGrants> files, String author, String reason, boolean dryRun) {
    return change(author, reason, CONFIGURATION, dryRun, current -> RightsDocuments.withConfiguration(current, files));
  }

  /** The newest versions first. */
  public List<Version> versions(int limit) {
    return jdbc.query(VERSION_COLUMNS + " ORDER BY version DESC LIMIT ?", this::versionRow, limit);
  }

  /** One version, without its rights. */
  public Optional<Version> version(long number) {
    return jdbc.query(VERSION_COLUMNS + " WHERE version = ?", this::versionRow, number).stream().findFirst();
  }

  private Version versionRow(ResultSet rs, int row) throws SQLException {
    return new Version(rs.getLong("version"), rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
        rs.getString("author"), rs.getString("reason"), rs.getString("source"), (Long) rs.getObject("previous_version"));
  }

  public Optional<Version> newest() {
    return versions(1).stream().findFirst();
  }

  /** The rights of a version. */
  public Optional<List<ClientGrants>> rights(long version) {
    return jdbc.query("SELECT rights::text FROM access_rights_version WHERE version = ?",
        (rs, i) -> json.readValue(rs.getString(1), DOCUMENT), version).stream().findFirst();
  }

  /** Loads the newest version if this hub does not hold it yet. */
  @Override
  public synchronized void refresh() {
    Long newest = jdbc.queryForObject("SELECT max(version) FROM access_rights_version", Long.class);
    if (newest == null || newest == policy.version()) {
      return;
    }
    List<ClientGrants> rights = rights(newest).orElseThrow();
    policy.replace(newest, rights);
    log.info("access rights version {} in force", newest);
    try {
      Map<String, Object> stored = new LinkedHashMap<>();
      stored.put("version", newest);
      stored.put("rights", rights);
      Files.write(copy, json.writeValueAsBytes(stored));
    } catch (IOException | JacksonException e) {
      log.warn("access rights not copied to the data directory ({})", e.getClass().getSimpleName());
    }
  }

  /**
   * Imports the configuration's rights when the database has none, or when the files changed since
   * they were last imported (compared with the configuration part of the last import, so a rollback
   * or a grant made since is not undone by a restart with the same files).
   */
  @Override
  protected void load() {
    importConfiguration();
    refresh();
  }

  void importConfiguration() {
    List<ClientGrants> files = RightsDocuments.tidy(configuration.grants());
    Optional<List<ClientGrants>> lastImport = jdbc.query("SELECT rights::text FROM access_rights_version"
        + " WHERE source = ? ORDER BY version DESC LIMIT 1", (rs, i) -> json.readValue(rs.getString(1), DOCUMENT),
        CONFIGURATION).stream().findFirst();
    if (lastImport.isPresent() && RightsDocuments.configurationPart(lastImport.get()).equals(files)) {
      return;
    }
    Change change = applyConfiguration(files, AuditTrail.HUB,
        lastImport.isEmpty() ? "imported from the configuration at first start" : "the configuration's rights changed",
        false);
    if (change.version() != null) {
      log.info("access rights imported from the configuration as version {} ({} rights changed)",
          change.version().version(), change.diff().size());
      try {
        trail.event(AuditTrail.HUB, "access-rights.import",
            "version " + change.version().version() + ": " + change.version().reason(), null);
      } catch (RuntimeException e) {
        // the version row is the import's evidence too; a broker away at start must not stop the hub
        log.warn("the import of access rights version {} is not in the exchange log ({})", change.version().version(),
            e.getClass().getSimpleName());
      }
    }
  }

  @Override
  protected void loadCopy() {
    try {
      if (Files.exists(copy)) {
        Map<String, Object> stored = json.readValue(copy.toFile(), new TypeReference<Map<String, Object>>() {});
        List<ClientGrants> rights = json.convertValue(stored.get("rights"), DOCUMENT);
        policy.replace(((Number) stored.get("version")).longValue(), new ArrayList<>(rights));
      }
    } catch (JacksonException | IllegalStateException e) {
      log.warn("access rights copy unreadable ({}): the configuration's rights hold until the database answers",
          e.getClass().getSimpleName());
    }
  }
}
