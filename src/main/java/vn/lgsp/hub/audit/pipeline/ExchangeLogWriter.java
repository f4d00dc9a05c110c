package vn.lgsp.hub.audit.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordCodec;
import vn.lgsp.hub.audit.record.RecordLimits;
import vn.lgsp.hub.audit.record.SubjectHasher;

/**
 * Moves exchange records from the broker queue into the chain in PostgreSQL, in batches. The JMS
 * session is transacted and committed only after the database commit, so a crash redelivers
 * rather than loses; appending is idempotent, so a redelivery is not stored twice. While the
 * database is down the writer retries the same batch without acknowledging it: records wait in
 * the broker. Nothing a caller sends can keep a record out of the chain: a value that cannot be
 * stored whole is stored shortened with the hash of its full value ({@link RecordLimits}). The
 * dead-letter queue is for faults of the hub itself only (a message that is no record, a record
 * the hub built without a required field, a row the database still refuses): each is counted in
 * {@code hub.exchange_log.dead_lettered} and logged as an error naming it a hub fault, so that the
 * queue behind it keeps moving and nothing is dropped silently.
 *
 * <p>It runs on the leader only ({@link LeaderElection}): started when this hub takes the lead,
 * stopped when it loses it. A batch not yet committed to the broker when it stops is rolled back
 * and redelivered, to the next leader's writer.
 *
 * <p>Two workers, each with its own broker session, take turns at the database: the chain's head row is locked
 * for each batch ({@link ExchangeChain#append}), so while one stores its batch the other acknowledges its last one
 * to the broker and reads and parses the next (a third of a batch's time when one worker did all in turn; the
 * writer benchmark, bench/README.md). Chain order is the order in which batches reach the head, not strictly the
 * queue's.
 */
@Component
public class ExchangeLogWriter implements LeadershipListener {

  private static final Logger log = LoggerFactory.getLogger(ExchangeLogWriter.class);
  private static final Duration RECEIVE_WAIT = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final int WORKERS = 2;

  private final ConnectionFactory connectionFactory;
  private final ExchangeChain chain;
  private final SubjectHasher hasher;
  private final AuditProperties props;
  private final Clock clock;
  private final Counter deadLettered;
  private final Counter stored;
  private final Timer writeLag;

  private volatile boolean running;
  private volatile Instant lastStoredAt;
  /** The threads that may write; earlier ones still finishing their batch see they are not and stop. */
  private volatile List<Thread> workers = List.of();
  /** Each worker's broker connection: closed from outside if the worker does not stop in time. */
  private final Map<Thread, Connection> brokerConnections = new ConcurrentHashMap<>();

  /** A record and the broker message that carried it. */
  private record Received(Message message, ExchangeRecord record) {}

  public ExchangeLogWriter(
      ConnectionFactory connectionFactory,
      ExchangeChain chain,
      SubjectHasher hasher,
      AuditProperties props,
      MeterRegistry meters,
      Clock clock) {
    this.connectionFactory = uncached(connectionFactory);
    this.chain = chain;
    this.hasher = hasher;
    this.props = props;
    this.clock = clock;
    this.deadLettered = Counter.builder("hub.exchange_log.dead_lettered")
        .description("exchange records moved to the dead-letter queue by a fault of the hub (never by what a caller"
            + " sent): a bug to report, the record is not in the chain").register(meters);
    this.stored = Counter.builder("hub.exchange_log.stored").description("exchange records stored").register(meters);
    this.writeLag = Timer.builder("hub.exchange_log.write_lag")
        .description("from the answer to the caller until the record is stored").publishPercentileHistogram()
        .register(meters);
  }

  @Override
  public void becameLeader() {
    start();
  }

  @Override
  public void lostLeadership() {
    stop();
  }

  public synchronized void start() {
    List<Thread> started = new ArrayList<>(WORKERS);
    for (int i = 1; i <= WORKERS; i++) {
      started.add(new Thread(this::run, "exchange-log-writer-" + i));
    }
    // the new workers first: a worker of an earlier start still finishing must not see itself active again
    workers = List.copyOf(started);
    running = true;
    started.forEach(Thread::start);
    log.info("exchange-log writer started: {} into the chain", props.queue());
  }

  /**
   * Stops after the batches in hand: stored and committed, or rolled back for redelivery. A worker
   * stuck longer (a database that stopped answering) loses its broker connection, so that its batch
   * goes back to the queue for the next leader rather than wait with it.
   */
  public synchronized void stop() {
    running = false;
    List<Thread> stopping = workers;
    workers = List.of();
    stopping.forEach(LockSupport::unpark);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (Thread thread : stopping) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Connection stuck = brokerConnections.get(thread);
      if (thread.isAlive() && stuck != null) {
        log.warn("exchange-log writer did not stop within {} s; its uncommitted batch goes back to the broker",
            STOP_WAIT.toSeconds());
        try {
          stuck.close();
        } catch (JMSException | RuntimeException e) {
          log.debug("closing the stuck writer's broker connection failed ({})", e.getClass().getSimpleName());
        }
      }
    }
  }

  /** Whether this hub's writer is running (on the leader). */
  public boolean isRunning() {
    return running;
  }

  /** True on a current worker thread while the writer runs. */
  private boolean active() {
    return running && workers.contains(Thread.currentThread());
  }

  /**
   * The broker's own factory behind Spring's cache: a cached session keeps its consumer open after
   * the writer closes it, holding the messages it fetched and those it rolled back, so that a writer
   * stopped on losing the lead would keep them from the next leader. The writer holds one connection
   * for as long as it runs and gains nothing from a cache.
   */
  private static ConnectionFactory uncached(ConnectionFactory factory) {
    return factory instanceof SingleConnectionFactory cached && cached.getTargetConnectionFactory() != null
        ? cached.getTargetConnectionFactory()
        : factory;
  }

  /** When the writer last stored a batch; null before the first. */
  public Instant lastStoredAt() {
    return lastStoredAt;
  }

  // hand-written on purpose: Spring/Camel JMS listeners commit per message; here a whole batch commits after the database
  private void run() {
    while (active()) {
      try (Connection connection = connectionFactory.createConnection();
          Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
        brokerConnections.put(Thread.currentThread(), connection);
        MessageConsumer consumer = session.createConsumer(session.createQueue(props.queue()));
        MessageProducer deadLetters = session.createProducer(session.createQueue(props.deadLetterQueue()));
        connection.start();
        while (active()) {
          drainOnce(session, consumer, deadLetters);
        }
      } catch (JMSException | RuntimeException e) {
        if (active()) {
          log.warn("exchange-log writer lost its broker session ({}); reconnecting", e.getClass().getSimpleName());
          pause(Duration.ofSeconds(1));
        }
      } finally {
        brokerConnections.remove(Thread.currentThread());
      }
    }
  }

  private void drainOnce(Session session, MessageConsumer consumer, MessageProducer deadLetters) throws JMSException {
    Message message = consumer.receive(RECEIVE_WAIT.toMillis());
    if (message == null) {
      idle();
      return;
    }
    List<Received> batch = new ArrayList<>(props.batchSize());
    while (message != null) {
      ExchangeRecord record = parse(message);
      String fault = record == null ? "not an exchange record" : RecordLimits.faultIn(record);
      if (fault != null) {
        deadLetter(deadLetters, message, fault);
      } else {
        batch.add(new Received(message, RecordLimits.storable(record, hasher)));
      }
      message = batch.size() < props.batchSize() ? consumer.receiveNoWait() : null;
    }
    if (!storeUntilDone(batch, deadLetters)) {
      session.rollback();
      return;
    }
    session.commit();
  }

  /** Nothing to write: seal a quiet tail. */
  private void idle() {
    try {
      chain.sealIfDue();
    } catch (RuntimeException e) {
      log.debug("exchange-log housekeeping skipped ({})", e.getClass().getSimpleName());
    }
  }

  private ExchangeRecord parse(Message message) {
    try {
      // read already, so that a later release can send the codec's bytes without an older leader dead-lettering them
      if (message instanceof BytesMessage bytes) {
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return RecordCodec.read(body);
      }
      // as the hub sends records today (ExchangeLogPublisher)
      if (message instanceof TextMessage text) {
        return RecordCodec.read(text.getText());
      }
    } catch (Exception e) {
      log.debug("unreadable exchange-log message ({})", e.getClass().getSimpleName());
    }
    return null;
  }

  /**
   * Stores the batch, retrying with backoff while the database is unavailable; false only when the
   * writer is stopping. A record the database still refuses after {@link RecordLimits#storable} is
   * a fault of the hub (the limits and the schema disagree): such records are dead-lettered one by one.
   */
  private boolean storeUntilDone(List<Received> batch, MessageProducer deadLetters) throws JMSException {
    if (batch.isEmpty()) {
      return true;
    }
    Duration backoff = Duration.ofMillis(100);
    while (active()) {
      try {
        store(batch.stream().map(Received::record).toList());
        return true;
      } catch (RuntimeException e) {
        if (isRefusedContent(e)) {
          return storeOneByOne(batch, deadLetters);
        }
        log.warn("exchange-log store failed for {} records ({}); retrying in {} ms",
            batch.size(), e.getClass().getSimpleName(), backoff.toMillis());
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
    return false;
  }

  private boolean storeOneByOne(List<Received> batch, MessageProducer deadLetters) throws JMSException {
    for (Received r : batch) {
      try {
        store(List.of(r.record()));
      } catch (RuntimeException e) {
        if (!isRefusedContent(e)) {
          return false;
        }
        deadLetter(deadLetters, r.message(), "refused by the database although fitted to its columns");
      }
    }
    return true;
  }

  private void store(List<ExchangeRecord> records) {
    chain.append(records);
    Instant now = clock.instant();
    lastStoredAt = now;
    stored.increment(records.size());
    for (ExchangeRecord r : records) {
      if (r.responseOutAt() != null) {
        writeLag.record(Math.max(0, Duration.between(r.responseOutAt(), now).toNanos()), TimeUnit.NANOSECONDS);
      }
    }
  }

  private void deadLetter(MessageProducer deadLetters, Message message, String why) throws JMSException {
    deadLetters.send(message);
    deadLettered.increment();
    log.error("hub fault: exchange-log message {} moved to {}, not in the chain ({}); no caller input causes"
        + " this, report it with the message", message.getJMSMessageID(), props.deadLetterQueue(), why);
  }

  /** The database refused the content (data or constraint violation), as opposed to being unreachable. */
  static boolean isRefusedContent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataIntegrityViolationException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
        return true;
      }
    }
    return false;
  }

  private static void pause(Duration duration) {
    LockSupport.parkNanos(duration.toNanos());
  }
}
