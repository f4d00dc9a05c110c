package vn.lgsp.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves exchange records from the broker queue into PostgreSQL in batches. The JMS session is
 * transacted and committed only after the database commit, so a crash redelivers rather than
 * loses; the store is idempotent, so a redelivery is not stored twice. While the database is
 * down the writer keeps retrying the same batch without acknowledging it: records wait in the
 * broker. A message that is not a record goes to the dead-letter queue and counts in a metric.
 */
@Component
public class ExchangeLogWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExchangeLogWriter.class);
  private static final Duration RECEIVE_WAIT = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final ConnectionFactory connectionFactory;
  private final ExchangeRecordStore store;
  private final ObjectMapper json;
  private final AuditProperties props;
  private final Counter deadLettered;
  private final Counter stored;

  private volatile boolean running;
  private Thread worker;

  public ExchangeLogWriter(
      ConnectionFactory connectionFactory,
      ExchangeRecordStore store,
      ObjectMapper json,
      AuditProperties props,
      MeterRegistry meters) {
    this.connectionFactory = connectionFactory;
    this.store = store;
    this.json = json;
    this.props = props;
    this.deadLettered = meters.counter("hub.exchange_log.dead_lettered");
    this.stored = meters.counter("hub.exchange_log.stored");
  }

  @Override
  public void start() {
    running = true;
    worker = new Thread(this::run, "exchange-log-writer");
    worker.start();
  }

  @Override
  public void stop() {
    running = false;
    if (worker != null) {
      try {
        worker.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Start after the broker and the database, stop before them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  private void run() {
    while (running) {
      try (Connection connection = connectionFactory.createConnection();
          Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
        MessageConsumer consumer = session.createConsumer(session.createQueue(props.queue()));
        MessageProducer deadLetters =
            session.createProducer(session.createQueue(props.deadLetterQueue()));
        connection.start();
        while (running) {
          drainOnce(session, consumer, deadLetters);
        }
      } catch (JMSException | RuntimeException e) {
        if (running) {
          log.warn("exchange-log writer lost its broker session ({}); reconnecting", e.toString());
          pause(Duration.ofSeconds(1));
        }
      }
    }
  }

  private void drainOnce(Session session, MessageConsumer consumer, MessageProducer deadLetters)
      throws JMSException {
    Message first = consumer.receive(RECEIVE_WAIT.toMillis());
    if (first == null) {
      return;
    }
    List<ExchangeRecord> batch = new ArrayList<>(props.batchSize());
    Message message = first;
    while (message != null) {
      ExchangeRecord record = parse(message);
      if (record == null) {
        deadLetters.send(message);
        deadLettered.increment();
        log.error("exchange-log message is not a record; moved to {}", props.deadLetterQueue());
      } else {
        batch.add(record);
      }
      message = batch.size() < props.batchSize() ? consumer.receiveNoWait() : null;
    }
    if (!storeUntilDone(batch)) {
      session.rollback();
      return;
    }
    session.commit();
    stored.increment(batch.size());
  }

  private ExchangeRecord parse(Message message) {
    try {
      if (message instanceof TextMessage text) {
        ExchangeRecord record = json.readValue(text.getText(), ExchangeRecord.class);
        return record.id() == null || record.messageId() == null ? null : record;
      }
    } catch (Exception e) {
      log.debug("unreadable exchange-log message", e);
    }
    return null;
  }

  /** Retries the batch with backoff until stored; false only when the writer is stopping. */
  private boolean storeUntilDone(List<ExchangeRecord> batch) {
    if (batch.isEmpty()) {
      return true;
    }
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        store.storeAll(batch);
        return true;
      } catch (RuntimeException e) {
        log.warn(
            "exchange-log store failed for {} records ({}); retrying in {} ms",
            batch.size(),
            e.getClass().getSimpleName(),
            backoff.toMillis());
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
    return false;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
