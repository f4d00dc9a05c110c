package vn.lgsp.hub.audit.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.ChainVerifier;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.chain.RecordRows;
import vn.lgsp.hub.audit.chain.TrustedKeys;

/**
 * Retention: records older than the configured age leave the database for signed archive files,
 * each a sealed stretch of the chain that starts where the previous archive ended. An archive is
 * written, synced and verified before the records it holds are purged, and only whole sealed
 * stretches are archived, so every archive ends on a seal.
 */
@Component
public class ExchangeLogArchive {

  /** What one archiving run did. */
  public record Archived(Path file, long firstSeq, long lastSeq, long records) {}

  /** The advisory lock key of archiving runs ("lgsp-arc"). */
  private static final long ARCHIVE_LOCK = 0x6c6773702d617263L;

  private final Path directory;
  private final ChainReader reader;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final StretchExporter stretches;
  private final TrustedKeys trust;

  public ExchangeLogArchive(
      AuditProperties audit,
      HubProperties hub,
      ChainReader reader,
      ArchiveDatabase archiveDatabase,
      StretchExporter stretches,
      TrustedKeys trustedSealKeys) {
    this.directory = audit.retention().directory() != null
        ? audit.retention().directory()
        : hub.dataDir().resolve("exchange-log-archive");
    this.reader = reader;
    // the only role that may delete records: the hub's own may append, nothing more
    this.jdbc = archiveDatabase.jdbc();
    this.tx = archiveDatabase.tx();
    this.stretches = stretches;
    this.trust = trustedSealKeys;
  }

  public Path directory() {
    return directory;
  }

  /** The archive files in chain order (their names carry their first position, zero-padded). */
  public List<Path> files() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().matches("exchange-log-\\d{19}-\\d{19}\\.jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Archives and purges the sealed records received before {@code cutoff}; empty if there are none.
   * One run at a time across all hubs on the database (an advisory lock), so two runs never archive
   * or purge the same stretch.
   */
  public synchronized Optional<Archived> archiveBefore(Instant cutoff) {
    return tx.execute(status -> {
      jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, ARCHIVE_LOCK);
      ExchangeChain.Head head = jdbc.queryForObject(ExchangeChain.HEAD, ExchangeChain::head);
      Long lastSeal = jdbc.queryForObject(
          "SELECT max(s.up_to_seq) FROM exchange_chain_seal s JOIN exchange_record r ON r.chain_seq = s.up_to_seq"
              + " WHERE s.up_to_seq > ? AND r.request_in_at < ?", Long.class, head.baseSeq(), RecordRows.utc(cutoff));
      if (lastSeal == null) {
        return Optional.<Archived>empty();
      }
      long first = head.baseSeq() + 1;
      // an archive of the same start whose purge did not happen: its records are still here, redo it
      String unpurged = String.format("exchange-log-%019d-", first);
      for (Path stale : files()) {
        if (stale.getFileName().toString().startsWith(unpurged)) {
          try {
            Files.delete(stale);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      Path file = directory.resolve(String.format("exchange-log-%019d-%019d.jsonl", first, lastSeal));
      ChainVerifier.Result written = write(file, head.baseSeq(), head.baseHash(), lastSeal);
      ExchangeChain.Head locked = jdbc.queryForObject(ExchangeChain.HEAD + " FOR UPDATE", ExchangeChain::head);
      if (locked.baseSeq() != head.baseSeq()) {
        throw new IllegalStateException("the chain's base moved during archiving; nothing purged");
      }
      jdbc.update("DELETE FROM exchange_record WHERE chain_seq <= ?", lastSeal);
      jdbc.update("DELETE FROM exchange_chain_seal WHERE up_to_seq <= ?", lastSeal);
      // the new base is what the verified archive ends with, not what the database says
      jdbc.update("UPDATE exchange_chain_head SET base_seq = ?, base_hash = ? WHERE id = 1", lastSeal,
          written.lastHash());
      return Optional.of(new Archived(file, first, lastSeal, written.records()));
    });
  }

  /** Writes, syncs and verifies the archive of {@code (baseSeq, lastSeq]}; answers its verification. */
  private ChainVerifier.Result write(Path file, long baseSeq, String baseHash, long lastSeq) {
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "archive", ".tmp");
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp))) {
        reader.inSnapshot(s -> stretches.write(s, baseSeq, baseHash, lastSeq, out));
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      ChainVerifier.Result check;
      try (InputStream in = Files.newInputStream(temp)) {
        check = ExportFile.verify(in, trust).result();
      }
      if (!check.intact() || check.lastSeq() != lastSeq) {
        Files.delete(temp);
        throw new IllegalStateException("the archive of " + (baseSeq + 1) + "-" + lastSeq
            + " does not verify (" + check.firstBad() + "); nothing was purged");
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return check;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive " + file, e);
    }
  }


}
