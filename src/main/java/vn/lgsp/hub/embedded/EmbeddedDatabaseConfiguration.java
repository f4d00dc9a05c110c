package vn.lgsp.hub.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.files.ArchiveDatabase;

/**
 * The embedded default's database: a real PostgreSQL server run from Maven artifacts, with its
 * data in {@code <data-dir>/postgres} so it survives restarts. It is closed to everyone but the
 * hub: generated SCRAM passwords ({@link DatabaseRoles}), no superuser over TCP, and the hub itself
 * connects as a role that cannot change or remove evidence. It is for the sandbox only: production
 * sets {@code spring.datasource.url} (and the usual {@code spring.datasource.*}), which turns this off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${hub.database.embedded:true}' == 'true' and '${spring.datasource.url:}' == ''")
public class EmbeddedDatabaseConfiguration {

  /** Closed by Spring after everything that uses the data source, not by a JVM hook. */
  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(HubProperties hub, DataDirectoryLock lock, Environment environment)
      throws IOException {
    refuseOutsideTheSandbox(environment);
    Path root = hub.dataDir().toAbsolutePath().resolve("postgres");
    Path data = root.resolve("data");
    Path runtime = root.resolve("runtime");
    Files.createDirectories(data);
    Files.createDirectories(runtime);
    OrphanPostgres.stopIfRunning(data);
    DatabaseRoles roles = roles(root);
    Path hba = root.resolve("pg_hba.conf");
    Files.writeString(hba, DatabaseRoles.hostBasedAccess(roles.bootstrapped()), StandardCharsets.UTF_8);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(runtime.toFile())
        .setPort(0)
        .setRegisterShutdownHook(false)
        // zonky turns durability off for test speed; evidence must survive a crash
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("unix_socket_directories", runtime.toString())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("hba_file", hba.toString())
        .setServerConfig("password_encryption", "scram-sha-256");
    if (roles.bootstrapped()) {
      // zonky checks readiness with a login: as the schema owner, since the superuser is refused over TCP
      builder.setConnectConfig("user", DatabaseRoles.OWNER).setConnectConfig("password", roles.password(DatabaseRoles.OWNER));
    }
    EmbeddedPostgres postgres = builder.start();
    if (!roles.bootstrapped()) {
      DataSource superuser = postgres.getPostgresDatabase();
      roles.bootstrap(superuser);
      Files.writeString(hba, DatabaseRoles.hostBasedAccess(true), StandardCharsets.UTF_8);
      DatabaseRoles.reloadConfiguration(superuser);
      roles.markBootstrapped();
    }
    return postgres;
  }

  /** The hub's connections: the role that may append records and seals, never change them. */
  @Bean(destroyMethod = "close")
  @Primary
  DataSource dataSource(EmbeddedPostgres postgres, HubProperties hub) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl(DatabaseRoles.APP, DatabaseRoles.DATABASE));
    config.setUsername(DatabaseRoles.APP);
    config.setPassword(roles(hub).password(DatabaseRoles.APP));
    config.setMaximumPoolSize(10);
    config.setPoolName("hub-db");
    // fail fast when the database is stopped: the exchange-log writer retries on its own
    config.setConnectionTimeout(2_000);
    // one multi-row INSERT per batch of captured payloads (records themselves go by COPY)
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setInitializationFailTimeout(10_000);
    return new HikariDataSource(config);
  }

  /** Migrations run as the schema's owner, on connections of their own. */
  @Bean
  @FlywayDataSource
  DataSource schemaOwnerDataSource(EmbeddedPostgres postgres, HubProperties hub) {
    return login(postgres, hub, DatabaseRoles.OWNER);
  }

  /** Retention purges archived records as a role of its own, the only one that may delete them. */
  @Bean(ArchiveDatabase.DATA_SOURCE)
  @Qualifier(ArchiveDatabase.DATA_SOURCE)
  DataSource archiverDataSource(EmbeddedPostgres postgres, HubProperties hub) {
    return login(postgres, hub, DatabaseRoles.ARCHIVER);
  }

  private static DataSource login(EmbeddedPostgres postgres, HubProperties hub, String role) {
    return postgres.getDatabase(role, DatabaseRoles.DATABASE, Map.of("password", roles(hub).password(role)));
  }

  private static DatabaseRoles roles(HubProperties hub) {
    return roles(hub.dataDir().toAbsolutePath().resolve("postgres"));
  }

  private static DatabaseRoles roles(Path root) {
    return DatabaseRoles.loadOrCreate(root.resolve("credentials.properties"));
  }

  /**
   * Production rules hold for any profile set other than {@code sandbox} alone: there the evidence
   * belongs in an operated PostgreSQL, never in a server that lives in the hub's data directory.
   */
  static void refuseOutsideTheSandbox(Environment environment) {
    String[] active = environment.getActiveProfiles();
    List<String> profiles = Arrays.asList(active.length > 0 ? active : environment.getDefaultProfiles());
    if (!profiles.equals(List.of("sandbox"))) {
      throw new IllegalStateException("lgsp-hub will not start the embedded database outside the sandbox profile"
          + " (active: " + profiles + "): set spring.datasource.url to the production PostgreSQL");
    }
  }
}
