package vn.lgsp.hub.publishing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The versions of the service files in the database. A change runs in one transaction under an advisory lock:
 * it reads the newest version, replaces the whole set, and inserts the next version with its author, time,
 * reason, source and previous version; a change that changes nothing makes no version. The files on disk are
 * imported when they differ from the last import, so a change made through the admin API is not undone by a
 * restart with the same files. Every hub's {@link ServiceFilesRuntime} follows the newest version.
 */
@Component
public class ServiceFilesStore {

  public static final String CONFIGURATION = "configuration";
  public static final String ADMIN = "admin";
  public static final String ROLLBACK = "rollback";
  private static final long CHANGE_LOCK = 0x6c6773702d737663L;
  private static final int MAX_REASON = 1000;
  private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {};
  private static final String VERSION_COLUMNS =
      "SELECT version, changed_at, author, reason, source, previous_version FROM service_files_version";

  /** A version, without its files. */
  public record Version(long version, Instant changedAt, String author, String reason, String source,
      Long previousVersion) {}

  /** One file added, removed or changed. */
  public record FileChange(String change, String file) {}

  /** A change: its version (null for a dry run or no change) and what it changes. */
  public record Change(Version version, List<FileChange> diff) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final Clock clock;

  public ServiceFilesStore(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
  }

  /** Puts {@code files} (checked by {@link ServiceFiles}) in force as the whole set, unless a dry run. */
  public Change replace(Map<String, String> files, String author, String why, String source, boolean dryRun) {
    String reason = why.length() <= MAX_REASON ? why : why.substring(0, MAX_REASON - 1) + "…";
    return tx.execute(status -> {
      jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, CHANGE_LOCK);
      Optional<Version> newest = newest();
      Map<String, String> before = newest.map(v -> files(v.version()).orElseThrow()).orElse(Map.of());
      List<FileChange> diff = diff(before, files);
      if (dryRun || (diff.isEmpty() && newest.isPresent())) {
        return new Change(null, diff);
      }
      Version version = new Version(newest.map(v -> v.version() + 1).orElse(1L), clock.instant(), author, reason, source,
          newest.map(Version::version).orElse(null));
      jdbc.update("INSERT INTO service_files_version (version, changed_at, author, reason, source, previous_version,"
          + " files) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)", version.version(),
          OffsetDateTime.ofInstant(version.changedAt(), ZoneOffset.UTC), author, reason, source, version.previousVersion(),
          json.writeValueAsString(new TreeMap<>(files)));
      return new Change(version, diff);
    });
  }

  /**
   * Imports the files on disk as a version when the database has none, or when they differ from the last
   * import.
   *
   * @return the version made, if one was
   */
  Optional<Version> importFromDisk(Map<String, String> disk, String author) {
    Optional<Map<String, String>> lastImport = jdbc.query("SELECT files::text FROM service_files_version WHERE source = ?"
        + " ORDER BY version DESC LIMIT 1", (rs, i) -> (Map<String, String>) json.readValue(rs.getString(1), FILES),
        CONFIGURATION).stream().findFirst();
    if (lastImport.isPresent() && lastImport.get().equals(disk)) {
      return Optional.empty();
    }
    return Optional.ofNullable(replace(disk, author, lastImport.isEmpty() ? "imported from the files at first start"
        : "the service files changed", CONFIGURATION, false).version());
  }

  /** What changes from one set to the other, file by file, in path order. */
  static List<FileChange> diff(Map<String, String> before, Map<String, String> after) {
    List<FileChange> diff = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      if (!after.containsKey(name)) {
        diff.add(new FileChange("removed", name));
      } else if (!before.containsKey(name)) {
        diff.add(new FileChange("added", name));
      } else if (!before.get(name).equals(after.get(name))) {
        diff.add(new FileChange("changed", name));
      }
    }
    return diff;
  }

  public List<Version> versions(int limit) {
    return jdbc.query(VERSION_COLUMNS + " ORDER BY version DESC LIMIT ?", this::versionRow, limit);
  }

  public Optional<Version> version(long number) {
    return jdbc.query(VERSION_COLUMNS + " WHERE version = ?", this::versionRow, number).stream().findFirst();
  }

  public Optional<Version> newest() {
    return versions(1).stream().findFirst();
  }

  long newestNumber() {
    Long newest = jdbc.queryForObject("SELECT max(version) FROM service_files_version", Long.class);
    return newest == null ? 0 : newest;
  }

  public Optional<Map<String, String>> files(long version) {
    return jdbc.query("SELECT files::text FROM service_files_version WHERE version = ?",
        (rs, i) -> (Map<String, String>) json.readValue(rs.getString(1), FILES), version).stream().findFirst();
  }

  private Version versionRow(ResultSet rs, int row) throws SQLException {
    return new Version(rs.getLong("version"), rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
        rs.getString("author"), rs.getString("reason"), rs.getString("source"), (Long) rs.getObject("previous_version"));
  }
}
