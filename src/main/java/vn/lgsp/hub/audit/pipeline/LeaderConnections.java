package vn.lgsp.hub.audit.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the election's own connection to PostgreSQL, never one of the pool's: the lead is a
 * session-level advisory lock and lives exactly as long as the session. The server is asked to end
 * the session, and so release the lock, once the holder has been silent for {@code deadAfter}: the
 * idle session timeout (a process frozen or cut off sends no more checks), TCP keepalives and
 * {@code tcp_user_timeout} (a host or network gone). A killed process closes its socket, and the
 * server releases the lock at once. The session's {@code application_name} is the instance id, which
 * is how the other hubs name the leader.
 */
public final class LeaderConnections {

  private static final Logger log = LoggerFactory.getLogger(LeaderConnections.class);

  /** PostgreSQL keeps the first 63 bytes of an application name. */
  static final int APPLICATION_NAME_MAX = 63;

  private final String url;
  private final Properties properties;
  private final DataSource fallback;
  private final String applicationName;
  private final Duration deadAfter;

  /** Connections to {@code url} with {@code login} (user, password, driver settings). */
  public LeaderConnections(String url, Properties login, String instanceId, Duration deadAfter) {
    this.url = url;
    this.properties = new Properties();
    this.properties.putAll(login);
    long seconds = Math.max(1, deadAfter.toSeconds());
    this.applicationName = applicationName(instanceId);
    this.properties.setProperty("connectTimeout", "2");
    this.properties.setProperty("loginTimeout", "3");
    // a check must fail here before the server gives up on this session: the holder learns first
    this.properties.setProperty("socketTimeout", String.valueOf(Math.max(1, seconds / 2)));
    this.properties.setProperty("tcpKeepAlive", "true");
    this.fallback = null;
    this.deadAfter = deadAfter;
  }

  private LeaderConnections(DataSource fallback, String instanceId, Duration deadAfter) {
    this.url = null;
    this.properties = null;
    this.fallback = fallback;
    this.applicationName = applicationName(instanceId);
    this.deadAfter = deadAfter;
  }

  /** Connections to the database of the hub's pool, with its login, beside the pool. */
  public static LeaderConnections of(DataSource dataSource, String instanceId, Duration deadAfter) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        if (pool.getJdbcUrl() != null) {
          Properties login = new Properties();
          login.putAll(pool.getDataSourceProperties());
          if (pool.getUsername() != null) {
            login.setProperty("user", pool.getUsername());
          }
          if (pool.getPassword() != null) {
            login.setProperty("password", pool.getPassword());
          }
          return new LeaderConnections(pool.getJdbcUrl(), login, instanceId, deadAfter);
        }
      }
    } catch (SQLException e) {
      // not a wrapper after all: fall back below
    }
    log.warn("the leader election borrows a connection of the hub's pool ({}): it is not a Hikari pool with a JDBC URL",
        dataSource.getClass().getSimpleName());
    return new LeaderConnections(dataSource, instanceId, deadAfter);
  }

  /** A new session, told to end itself when its holder goes silent. */
  public Connection open() throws SQLException {
    Connection connection = fallback != null ? fallback.getConnection() : DriverManager.getConnection(url, properties);
    try {
      connection.setAutoCommit(true);
      set(connection, "application_name", applicationName);
      long ms = deadAfter.toMillis();
      long idle = Math.max(1, deadAfter.toSeconds() / 2);
      long probes = Math.max(1, deadAfter.toSeconds() - idle);
      set(connection, "idle_session_timeout", ms + "ms");
      set(connection, "tcp_keepalives_idle", String.valueOf(idle));
      set(connection, "tcp_keepalives_interval", "1");
      set(connection, "tcp_keepalives_count", String.valueOf(probes));
      set(connection, "tcp_user_timeout", ms + "ms");
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Each setting alone: an older server without one (idle_session_timeout came with PostgreSQL 14) keeps the others. */
  private static void set(Connection connection, String name, String value) {
    try (Statement s = connection.createStatement()) {
      s.execute("SET " + name + " = '" + value.replace("'", "''") + "'");
    } catch (SQLException e) {
      log.debug("the leader election's session cannot set {} ({})", name, e.getMessage());
    }
  }

  /** The instance id as PostgreSQL keeps it: printable ASCII, at most 63 bytes. */
  static String applicationName(String instanceId) {
    String ascii = instanceId.replaceAll("[^\\x20-\\x7e]", "?");
    return ascii.length() <= APPLICATION_NAME_MAX ? ascii : ascii.substring(0, APPLICATION_NAME_MAX);
  }
}
