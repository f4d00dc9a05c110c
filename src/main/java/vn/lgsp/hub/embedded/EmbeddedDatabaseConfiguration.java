package vn.lgsp.hub.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.HubProperties;

/**
 * The embedded default's database: a real PostgreSQL server run from Maven artifacts, with its
 * data in {@code <data-dir>/postgres} so it survives restarts. Production sets {@code
 * spring.datasource.url} (and the usual {@code spring.datasource.*}), which turns this off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${hub.database.embedded:true}' == 'true' and '${spring.datasource.url:}' == ''")
public class EmbeddedDatabaseConfiguration {

  /** Closed by Spring after everything that uses the data source, not by a JVM hook. */
  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(HubProperties hub, DataDirectoryLock lock) throws IOException {
    Path root = hub.dataDir().toAbsolutePath().resolve("postgres");
    Path data = root.resolve("data");
    Path runtime = root.resolve("runtime");
    Files.createDirectories(data);
    Files.createDirectories(runtime);
    OrphanPostgres.stopIfRunning(data);
    return EmbeddedPostgres.builder()
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
        .start();
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(10);
    config.setPoolName("hub-db");
    // fail fast when the database is stopped: the exchange-log writer retries on its own
    config.setConnectionTimeout(2_000);
    // one multi-row INSERT per batch of captured payloads (records themselves go by COPY)
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setInitializationFailTimeout(10_000);
    return new HikariDataSource(config);
  }
}
