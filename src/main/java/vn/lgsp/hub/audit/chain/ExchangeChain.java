package vn.lgsp.hub.audit.chain;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordField;

/**
 * Appends records to the hash chain in PostgreSQL. Each append locks the chain head row, so
 * positions are assigned in one order even with several writers (several hubs on one database).
 * Appending is idempotent: a record already stored (a redelivery) is skipped, not chained twice.
 * The chain is sealed in the same transaction when enough records or time have passed, and each
 * seal goes to the {@link SealWitness} outside the database once it is committed.
 */
@Repository
public class ExchangeChain {

  public static final String HEAD =
      "SELECT base_seq, base_hash, last_seq, last_hash, sealed_seq, sealed_at FROM exchange_chain_head WHERE id = 1";

  /** The state of the chain in the database. */
  public record Head(long baseSeq, String baseHash, long lastSeq, String lastHash, long sealedSeq, Instant sealedAt) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final SealKey sealKey;
  private final SealWitness witness;
  private final AuditProperties.Seal sealPolicy;
  private final Clock clock;

  public ExchangeChain(JdbcTemplate jdbc, TransactionTemplate tx, SealKey sealKey, SealWitness witness,
      AuditProperties audit, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.sealKey = sealKey;
    this.witness = witness;
    this.sealPolicy = audit.seal();
    this.clock = clock;
  }

  /** Chains and stores the records not stored yet, in one transaction; answers how many were new. */
  public int append(List<ExchangeRecord> records) {
    Integer stored = tx.execute(status -> {
      Head head = lockHead();
      if (head.lastSeq() == 0) {
        head = adoptUnchained(head);
      }
      List<ExchangeRecord> fresh = notYetStored(records);
      long seq = head.lastSeq();
      String hash = head.lastHash();
      List<ExchangeRecord> chained = new ArrayList<>(fresh.size());
      for (ExchangeRecord r : fresh) {
        seq++;
        String recordHash = ChainHash.of(r, seq, hash);
        chained.add(r.withChain(new ExchangeRecord.ChainLink(seq, hash, recordHash)));
        hash = recordHash;
      }
      if (chained.isEmpty()) {
        return 0;
      }
      copy(chained);
      List<ExchangeRecord> captured = chained.stream().filter(r -> r.payload() != null).toList();
      if (!captured.isEmpty()) {
        jdbc.batchUpdate("INSERT INTO exchange_payload (record_id, key_id, request, response) VALUES (?, ?, ?, ?)",
            captured, captured.size(), (ps, r) -> {
              ps.setObject(1, r.id());
              ps.setString(2, r.payload().keyId());
              ps.setString(3, r.payload().request());
              ps.setString(4, r.payload().response());
            });
      }
      jdbc.update("UPDATE exchange_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
      sealIfDue(new Head(head.baseSeq(), head.baseHash(), seq, hash, head.sealedSeq(), head.sealedAt()));
      return chained.size();
    });
    return stored == null ? 0 : stored;
  }

  /**
   * Seals the unsealed tail if the seal interval has passed; for a writer with nothing to write.
   * The head row is locked only when a seal is due: every writer on the database queues on it.
   */
  public void sealIfDue() {
    if (sealDue(head())) {
      tx.executeWithoutResult(status -> sealIfDue(lockHead()));
    }
  }

  /**
   * Seals the chain head now if anything is unsealed: a bounded export asks for it so that its
   * newest records are covered by a seal in the chain (and the witness), not only by the export's
   * signature.
   */
  public void sealNow() {
    Head head = head();
    if (head.lastSeq() > head.sealedSeq()) {
      tx.executeWithoutResult(status -> {
        Head locked = lockHead();
        if (locked.lastSeq() > locked.sealedSeq()) {
          seal(locked.lastSeq(), locked.lastHash());
        }
      });
    }
  }

  public Head head() {
    return jdbc.queryForObject(HEAD, ExchangeChain::head);
  }

  /**
   * Chains records stored before the database had a chain (an upgraded hub), sealing as it goes:
   * only while the chain is still empty, so a row slipped in later can never be adopted.
   */
  private Head adoptUnchained(Head head) {
    List<ExchangeRecord> legacy = jdbc.query(
        "SELECT " + RecordRows.COLUMNS + " FROM exchange_record WHERE chain_seq IS NULL ORDER BY seq", RecordRows::map);
    if (legacy.isEmpty()) {
      return head;
    }
    long seq = head.lastSeq();
    String hash = head.lastHash();
    long sealed = head.sealedSeq();
    for (ExchangeRecord r : legacy) {
      seq++;
      String recordHash = ChainHash.of(r, seq, hash);
      jdbc.update("UPDATE exchange_record SET chain_seq = ?, prev_hash = ?, record_hash = ? WHERE id = ?",
          seq, hash, recordHash, r.id());
      hash = recordHash;
      if (seq - sealed >= sealPolicy.everyRecords()) {
        seal(seq, hash);
        sealed = seq;
      }
    }
    jdbc.update("UPDATE exchange_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
    return lockHead();
  }

  private void sealIfDue(Head head) {
    if (sealDue(head)) {
      seal(head.lastSeq(), head.lastHash());
    }
  }

  private boolean sealDue(Head head) {
    long unsealed = head.lastSeq() - head.sealedSeq();
    return unsealed > 0
        && (unsealed >= sealPolicy.everyRecords()
            || head.sealedAt() == null
            || Duration.between(head.sealedAt(), clock.instant()).compareTo(sealPolicy.every()) >= 0);
  }

  private void seal(long seq, String hash) {
    Seal seal = new Seal(seq, hash, clock.instant(), sealKey.keyId(), null);
    String signature = sealKey.sign(seal.text());
    jdbc.update("INSERT INTO exchange_chain_seal (up_to_seq, head_hash, sealed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)",
        seal.upToSeq(), seal.headHash(), RecordRows.utc(seal.sealedAt()), seal.keyId(), signature);
    jdbc.update("UPDATE exchange_chain_head SET sealed_seq = ?, sealed_at = ? WHERE id = 1",
        seal.upToSeq(), RecordRows.utc(seal.sealedAt()));
    witness.afterCommit(new Seal(seal.upToSeq(), seal.headHash(), seal.sealedAt(), seal.keyId(), signature));
  }

  Head lockHead() {
    return jdbc.queryForObject(HEAD + " FOR UPDATE", ExchangeChain::head);
  }

  public static Head head(ResultSet rs, int row) throws SQLException {
    return new Head(rs.getLong("base_seq"), rs.getString("base_hash"), rs.getLong("last_seq"),
        rs.getString("last_hash"), rs.getLong("sealed_seq"), RecordRows.instant(rs, "sealed_at"));
  }

  /** The records of the batch that are not in the database yet, each once. */
  private List<ExchangeRecord> notYetStored(List<ExchangeRecord> records) {
    Map<UUID, ExchangeRecord> byId = new LinkedHashMap<>();
    records.forEach(r -> byId.putIfAbsent(r.id(), r));
    Set<UUID> existing = new HashSet<>(jdbc.execute((ConnectionCallback<List<UUID>>) connection -> {
      Array ids = connection.createArrayOf("uuid", byId.keySet().toArray());
      try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM exchange_record WHERE id = ANY(?)")) {
        ps.setArray(1, ids);
        List<UUID> found = new ArrayList<>();
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getObject(1, UUID.class));
          }
        }
        return found;
      }
    }));
    return byId.values().stream().filter(r -> !existing.contains(r.id())).toList();
  }

  /**
   * Stores the records with PostgreSQL's COPY, in the transaction: about twice the rows per second
   * of a batched INSERT, which the writer's throughput hung on (bench/README.md).
   */
  private void copy(List<ExchangeRecord> records) {
    StringBuilder rows = new StringBuilder(records.size() * 700);
    for (ExchangeRecord r : records) {
      row(rows, r);
    }
    jdbc.execute((ConnectionCallback<Long>) connection -> {
      try {
        return connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY exchange_record (" + RecordRows.COLUMNS + ") FROM STDIN (FORMAT text)", new StringReader(rows.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY of exchange records failed", e);
      }
    });
  }

  /** One row in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
  private static void row(StringBuilder out, ExchangeRecord r) {
    for (RecordField f : RecordField.values()) {
      Object v = f.get(r);
      if (v == null) {
        out.append("\\N");
      } else if (v instanceof Instant t) {
        out.append(t);
      } else {
        escape(out, v.toString());
      }
      out.append('\t');
    }
    ExchangeRecord.ChainLink link = r.chain();
    out.append(link.seq()).append('\t').append(link.prevHash()).append('\t').append(link.recordHash()).append('\n');
  }

  private static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
