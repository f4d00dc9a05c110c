package vn.lgsp.hub.audit;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where retention deletes archived records. The hub's own role may only append to the log; a
 * database that grants deletion to a separate role exposes it as the data source named {@link
 * #DATA_SOURCE} (the embedded database does), and retention runs on it. Without one, the hub's
 * data source is used, and then that role must be allowed to delete.
 */
@Component
public class ArchiveDatabase {

  /** The bean name of the archiver's data source. */
  public static final String DATA_SOURCE = "archiverDataSource";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public ArchiveDatabase(@Qualifier(DATA_SOURCE) ObjectProvider<DataSource> archiver, DataSource hub) {
    DataSource source = archiver.getIfAvailable(() -> hub);
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
