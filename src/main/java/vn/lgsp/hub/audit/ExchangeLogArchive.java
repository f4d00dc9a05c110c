package vn.lgsp.hub.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.HubProperties;

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

  private final Path directory;
  private final ChainReader reader;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ExchangeChain chain;
  private final SealKey sealKey;
  private final TrustedKeys trust;
  private final Clock clock;

  public ExchangeLogArchive(
      AuditProperties audit,
      HubProperties hub,
      ChainReader reader,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      ExchangeChain chain,
      SealKey sealKey,
      TrustedKeys trustedSealKeys,
      Clock clock) {
    this.directory = audit.retention().directory() != null
        ? audit.retention().directory()
        : hub.dataDir().resolve("exchange-log-archive");
    this.reader = reader;
    this.jdbc = jdbc;
    this.tx = tx;
    this.chain = chain;
    this.sealKey = sealKey;
    this.trust = trustedSealKeys;
    this.clock = clock;
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

  /** Archives and purges the sealed records received before {@code cutoff}; empty if there are none. */
  public Optional<Archived> archiveBefore(Instant cutoff) {
    ExchangeChain.Head head = chain.head();
    Long lastSeal = jdbc.queryForObject(
        "SELECT max(s.up_to_seq) FROM exchange_chain_seal s JOIN exchange_record r ON r.chain_seq = s.up_to_seq"
            + " WHERE s.up_to_seq > ? AND r.request_in_at < ?", Long.class, head.baseSeq(), RecordRows.utc(cutoff));
    if (lastSeal == null) {
      return Optional.empty();
    }
    long first = head.baseSeq() + 1;
    // an archive of the same start whose purge did not happen: the records are still here, redo it
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
    long records = write(file, head.baseSeq(), head.baseHash(), lastSeal);
    purge(head, lastSeal);
    return Optional.of(new Archived(file, first, lastSeal, records));
  }

  private long write(Path file, long baseSeq, String baseHash, long lastSeq) {
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "archive", ".tmp");
      long[] count = new long[1];
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp))) {
        ExportFile.Writer writer = new ExportFile.Writer(out);
        reader.inSnapshot(s -> {
          writer.header(baseSeq, baseHash, clock.instant(), sealKey.certificatePem());
          s.seals(baseSeq, lastSeq).forEach(writer::seal);
          s.records(baseSeq, lastSeq, r -> {
            writer.record(r);
            count[0]++;
          });
          writer.footer(sealKey);
          return null;
        });
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try (InputStream in = Files.newInputStream(temp)) {
        ChainVerifier.Result check = ExportFile.verify(in, trust).result();
        if (!check.intact() || check.lastSeq() != lastSeq) {
          Files.delete(temp);
          throw new IllegalStateException("the archive of " + (baseSeq + 1) + "-" + lastSeq
              + " does not verify (" + check.firstBad() + "); nothing was purged");
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return count[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive " + file, e);
    }
  }

  private void purge(ExchangeChain.Head before, long lastSeq) {
    tx.executeWithoutResult(status -> {
      ExchangeChain.Head head = chain.lockHead();
      if (head.baseSeq() != before.baseSeq()) {
        throw new IllegalStateException("another hub archived concurrently; the new archive is kept, purge skipped");
      }
      String hash = jdbc.queryForObject("SELECT record_hash FROM exchange_record WHERE chain_seq = ?", String.class, lastSeq);
      jdbc.update("DELETE FROM exchange_record WHERE chain_seq <= ?", lastSeq);
      jdbc.update("DELETE FROM exchange_chain_seal WHERE up_to_seq <= ?", lastSeq);
      jdbc.update("UPDATE exchange_chain_head SET base_seq = ?, base_hash = ? WHERE id = 1", lastSeq, hash);
    });
  }
}
