package vn.lgsp.hub.audit.chain;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * Reads the chain from the database in one consistent snapshot (a read-only repeatable-read
 * transaction), streaming records with a cursor so that a long log never sits in memory.
 */
@Component
public class ChainReader {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate snapshotTx;

  public ChainReader(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(1000);
    this.snapshotTx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.snapshotTx.setReadOnly(true);
    this.snapshotTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /** Runs {@code work} against one snapshot of the chain. */
  public <T> T inSnapshot(Function<Snapshot, T> work) {
    return snapshotTx.execute(status -> work.apply(new Snapshot()));
  }

  /** The chain as one transaction sees it. */
  public final class Snapshot {

    public ExchangeChain.Head head() {
      return jdbc.queryForObject(ExchangeChain.HEAD, ExchangeChain::head);
    }

    /** Seals covering positions after {@code afterSeq} up to {@code toSeq}, in order. */
    public List<Seal> seals(long afterSeq, long toSeq) {
      return jdbc.query("SELECT up_to_seq, head_hash, sealed_at, key_id, signature FROM exchange_chain_seal"
          + " WHERE up_to_seq > ? AND up_to_seq <= ? ORDER BY up_to_seq", RecordRows::seal, afterSeq, toSeq);
    }

    /** Records at positions after {@code afterSeq} up to {@code toSeq}, in chain order. */
    public void records(long afterSeq, long toSeq, Consumer<ExchangeRecord> each) {
      jdbc.query("SELECT " + RecordRows.COLUMNS + " FROM exchange_record WHERE chain_seq > ? AND chain_seq <= ?"
          + " ORDER BY chain_seq", rs -> {
            each.accept(RecordRows.map(rs, 0));
          }, afterSeq, toSeq);
    }

    /** Records received in {@code [from, to)}, in chain order. */
    public void received(Instant from, Instant to, Consumer<ExchangeRecord> each) {
      jdbc.query("SELECT " + RecordRows.COLUMNS + " FROM exchange_record"
          + " WHERE request_in_at >= ? AND request_in_at < ? ORDER BY chain_seq", rs -> {
            each.accept(RecordRows.map(rs, 0));
          }, RecordRows.utc(from), RecordRows.utc(to));
    }

    /** Rows outside the stretch {@code (afterSeq, toSeq]}: without a chain position, or beyond it. */
    public void outside(long afterSeq, long toSeq, Consumer<ExchangeRecord> each) {
      jdbc.query("SELECT " + RecordRows.COLUMNS + " FROM exchange_record"
          + " WHERE chain_seq IS NULL OR chain_seq <= ? OR chain_seq > ? ORDER BY chain_seq NULLS FIRST, seq LIMIT 100",
          rs -> {
            each.accept(RecordRows.map(rs, 0));
          }, afterSeq, toSeq);
    }

    /** The position of the first seal at or after {@code seq}, or null if none is. */
    public Long firstSealFrom(long seq) {
      return jdbc.queryForObject("SELECT min(up_to_seq) FROM exchange_chain_seal WHERE up_to_seq >= ?", Long.class, seq);
    }

    /** The hash at a chain position, or null if no record holds it. */
    public String hashAt(long seq) {
      List<String> hashes = jdbc.queryForList(
          "SELECT record_hash FROM exchange_record WHERE chain_seq = ?", String.class, seq);
      return hashes.isEmpty() ? null : hashes.get(0);
    }

    /**
     * The smallest stretch of the chain holding every record received in {@code [from, to)}: chain
     * order is write order, so a few records just outside the range may be inside the stretch.
     * Null when the range holds no record.
     */
    public long[] stretchFor(Instant from, Instant to) {
      return jdbc.queryForObject("SELECT min(chain_seq), max(chain_seq) FROM exchange_record"
          + " WHERE request_in_at >= ? AND request_in_at < ?", (rs, i) -> {
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
          }, RecordRows.utc(from), RecordRows.utc(to));
    }
  }
}
