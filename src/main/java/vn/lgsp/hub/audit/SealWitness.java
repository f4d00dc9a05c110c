package vn.lgsp.hub.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.lgsp.hub.HubProperties;

/**
 * Witnesses every seal outside the database: appends it to this node's seal file and syncs the file
 * before the writer moves on. The seal is witnessed after its transaction commits, never before: a
 * witnessed seal the database never had would read as a truncation. A crash between the commit and
 * the append only leaves that seal unwitnessed; the next seal covers the same chain and more.
 * Verification ({@link LogVerifier}) reports {@code truncated} when the database has lost a
 * position the witness saw sealed.
 */
@Component
public class SealWitness {

  private static final Logger log = LoggerFactory.getLogger(SealWitness.class);

  private final Path directory;
  private final Path file;
  private final Counter failures;

  public SealWitness(WitnessProperties witness, HubProperties hub, MeterRegistry meters) {
    this.directory = witness.directory() != null ? witness.directory() : hub.dataDir().resolve("exchange-log-witness");
    this.file = directory.resolve(WitnessLog.fileName(hub.node()));
    this.failures = Counter.builder("hub.exchange_log.witness_failures")
        .description("seals that could not be written to the witness (alert on any)").register(meters);
    try {
      Files.createDirectories(directory);
      endTornLine();
    } catch (IOException e) {
      throw new IllegalStateException("hub.audit.witness.directory: cannot write the seal witness in "
          + directory.toAbsolutePath() + " (" + e.getMessage() + ")", e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** Witnesses {@code seal} once the current transaction commits (at once outside a transaction). */
  public void afterCommit(Seal seal) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      append(seal);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        append(seal);
      }
    });
  }

  /** The newest seal this hub's witness directory holds, from every node's file. */
  public Optional<WitnessLog.Witnessed> newest() {
    return WitnessLog.newest(directory);
  }

  /**
   * Appends and syncs one line. A failure does not undo the committed seal (nothing can), so it is
   * logged and counted: the next seal that is witnessed covers this one.
   */
  synchronized void append(Seal seal) {
    try {
      boolean created = !Files.exists(file);
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ByteBuffer line = ByteBuffer.wrap(WitnessLog.line(seal));
        while (line.hasRemaining()) {
          out.write(line);
        }
        out.force(true);
      }
      if (created) {
        syncDirectory();
      }
    } catch (IOException | RuntimeException e) {
      failures.increment();
      log.error("the seal of chain position {} could not be witnessed in {}: {}", seal.upToSeq(), file, e.toString());
    }
  }

  /** A line torn by a crash would swallow the next one: end it first. */
  private void endTornLine() throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      if (last.get(0) != '\n') {
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}), channel.size());
        channel.force(true);
      }
    }
  }

  /** A new file's name is durable only once its directory is synced. */
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the file's own sync still holds its content
    }
  }
}
