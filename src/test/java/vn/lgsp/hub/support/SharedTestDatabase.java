package vn.lgsp.hub.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One PostgreSQL server with the hub's schema for the tests that put two hub components on one
 * database (what several hubs share), started once per test JVM and stopped with it. Tests clean up
 * the rows they write.
 */
public final class SharedTestDatabase {

  private static DataSource dataSource;

  private SharedTestDatabase() {}

  public static synchronized DataSource get() {
    if (dataSource == null) {
      dataSource = start();
    }
    return dataSource;
  }

  private static DataSource start() {
    Path dir = TestDataDir.create("shared-db");
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data"))
          .setOverrideWorkingDirectory(dir.resolve("runtime").toFile())
          .setServerConfig("unix_socket_directories", dir.toString()).setPort(0).start();
      HikariConfig pool = new HikariConfig();
      pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      pool.setUsername("postgres");
      pool.setMaximumPoolSize(8);
      HikariDataSource data = new HikariDataSource(pool);
      Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
