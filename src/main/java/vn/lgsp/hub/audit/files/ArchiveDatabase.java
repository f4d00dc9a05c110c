package vn.lgsp.hub.audit.files;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where retention deletes archived records. The hub's own role may only append to the log, so the
 * purge runs as a role of its own: the embedded database provides one as the data source named
 * {@link #DATA_SOURCE}; an external database names its login with {@code
 * hub.database.archiver.username} and {@code .password} (same URL as the hub's). Without either, the
 * hub's data source is used, and then its role must be allowed to delete.
 */
@Component
public class ArchiveDatabase {

  /** The bean name of the archiver's data source. */
  public static final String DATA_SOURCE = "archiverDataSource";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public ArchiveDatabase(@Qualifier(DATA_SOURCE) ObjectProvider<DataSource> archiver, DataSource hub,
      @Value("${spring.datasource.url:}") String url, ArchiverLogin login) {
    DataSource source = archiver.getIfAvailable(() -> url.isBlank() || !login.configured()
        ? hub : new DriverManagerDataSource(url, login.username(), login.password()));
    this.jdbc = new JdbcTemplate(source);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(source));
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  TransactionTemplate tx() {
    return tx;
  }
}
