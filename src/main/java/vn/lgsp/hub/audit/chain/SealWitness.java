package vn.lgsp.hub.audit.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.WitnessProperties;

/**
 * Witnesses every seal outside the database: appends it to this node's seal file and syncs the file
 * before the writer moves on. The seal is witnessed after its transaction commits, never before: a
 * witnessed seal the database never had would read as a truncation. A crash between the commit and
 * the append only leaves that seal unwitnessed; the next seal covers the same chain and more.
 * Verification ({@link vn.lgsp.hub.audit.verification.LogVerifier}) reports {@code truncated} when the database has lost a
 * position the witness saw sealed. With a time-stamping authority configured, each witnessed seal
 * is then time-stamped on a thread of its own (a slow authority never holds up the writer) and the
 * token appended after it.
 */
@Component
public class SealWitness {

  private static final Logger log = LoggerFactory.getLogger(SealWitness.class);

  private final Path directory;
  private final Path file;
  private final Counter failures;
  private final TimeStamps timeStamps;
  private final ThreadPoolExecutor timeStamping;

  public SealWitness(WitnessProperties witness, HubProperties hub, MeterRegistry meters) {
    this.directory = witness.directory() != null ? witness.directory() : hub.dataDir().resolve("exchange-log-witness");
    this.file = directory.resolve(WitnessLog.fileName(hub.node()));
    this.failures = Counter.builder("hub.exchange_log.witness_failures")
        .description("seals that could not be written to the witness or time-stamped (alert on any)").register(meters);
    this.timeStamps = witness.tsaUrl() == null ? null : new TimeStamps(witness.tsaUrl(), witness.tsaTimeout());
    // one request at a time, a bounded backlog: while the authority is away, seals wait or go unstamped
    this.timeStamping = timeStamps == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(64), task -> {
          Thread thread = new Thread(task, "seal-timestamping");
          thread.setDaemon(true);
          return thread;
        },
        (task, pool) -> unstamped("the time-stamping backlog is full"));
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

  @PreDestroy
  void stop() {
    if (timeStamping != null) {
      timeStamping.shutdownNow();
    }
  }

  /** The newest seal this hub's witness directory holds, from every node's file. */
  public Optional<WitnessLog.Witnessed> newest() {
    return WitnessLog.newest(directory);
  }

  /**
   * Appends and syncs one line. A failure does not undo the committed seal (nothing can), so it is
   * logged and counted: the next seal that is witnessed covers this one.
   */
  void append(Seal seal) {
    try {
      write(WitnessLog.line(seal));
    } catch (IOException | RuntimeException e) {
      failures.increment();
      log.error("the seal of chain position {} could not be witnessed in {}: {}", seal.upToSeq(), file, e.toString());
      return;
    }
    if (timeStamping != null) {
      timeStamping.execute(() -> timeStamp(seal));
    }
  }

  private void timeStamp(Seal seal) {
    try {
      write(WitnessLog.timeStampLine(seal, timeStamps.request(seal)));
    } catch (IOException | RuntimeException e) {
      unstamped("the seal of chain position " + seal.upToSeq() + " was not time-stamped by " + timeStamps.authority()
          + ": " + e.getMessage());
    }
  }

  private void unstamped(String why) {
    failures.increment();
    log.warn("{}; the next seal's time-stamp covers it", why);
  }

  private synchronized void write(byte[] bytes) throws IOException {
    boolean created = !Files.exists(file);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer line = ByteBuffer.wrap(bytes);
      while (line.hasRemaining()) {
        out.write(line);
      }
      out.force(true);
    }
    if (created) {
      syncDirectory();
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
