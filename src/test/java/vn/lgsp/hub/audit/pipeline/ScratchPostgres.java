package vn.lgsp.hub.audit.pipeline;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import vn.lgsp.hub.support.TestDataDir;

/**
 * One PostgreSQL server that several hubs' elections share, and a third session beside them that
 * does what the server does when a hub's process dies: it ends the hub's session.
 */
final class ScratchPostgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final SingleConnectionDataSource admin;

  ScratchPostgres(String name) throws IOException {
    Path dir = TestDataDir.create(name);
    Files.createDirectories(dir.resolve("runtime"));
    this.postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("data"))
        .setCleanDataDirectory(true)
        .setOverrideWorkingDirectory(dir.resolve("runtime").toFile())
        .setPort(0)
        .setServerConfig("unix_socket_directories", dir.resolve("runtime").toString())
        .start();
    this.admin = new SingleConnectionDataSource(url(), "postgres", "", true);
  }

  String url() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  Properties login() {
    Properties login = new Properties();
    login.setProperty("user", "postgres");
    return login;
  }

  /** The election's connections of a hub named {@code instanceId}. */
  LeaderConnections connections(String instanceId, Duration deadAfter) {
    return new LeaderConnections(url(), login(), instanceId, deadAfter);
  }

  JdbcTemplate admin() {
    return new JdbcTemplate(admin);
  }

  /** Ends every session of {@code applicationName}, as the server does when that hub's process is killed. */
  int kill(String applicationName) {
    Integer killed = admin().queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        + " WHERE application_name = ?", Integer.class, applicationName);
    return killed == null ? 0 : killed;
  }

  /** The application names of the sessions that hold the writer's lock, as the database sees them. */
  java.util.List<String> lockHolders() {
    return admin().queryForList("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        + " WHERE l.locktype = 'advisory' AND l.granted AND (l.classid::bigint << 32) + l.objid::bigint = ?",
        String.class, LeaderElection.LOCK);
  }

  @Override
  public void close() throws IOException {
    admin.destroy();
    postgres.close();
  }
}
