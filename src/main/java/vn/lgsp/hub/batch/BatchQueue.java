package vn.lgsp.hub.batch;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A job's work on the broker: one durable message per chunk of lines ({@code hub.batch.chunk-size}),
 * all of a job's chunks sent in one broker transaction. Whichever hub's worker takes a chunk runs its
 * pending items; the chunk is acknowledged only when they are stored.
 */
@Component
class BatchQueue {

  static final String JOB = "job";
  static final String FROM = "fromLine";
  static final String TO = "toLine";

  private final ConnectionFactory connections;
  private final BatchProperties props;

  BatchQueue(ConnectionFactory connections, BatchProperties props) {
    this.connections = connections;
    this.props = props;
  }

  /** Sends the chunks of lines 1..{@code total}; on return the broker holds them all durably. */
  void enqueue(UUID job, int total) {
    try (Connection connection = connections.createConnection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
      MessageProducer producer = session.createProducer(session.createQueue(props.queue()));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (int from = 1; from <= total; from += props.chunkSize()) {
        producer.send(chunk(session, job, from, Math.min(total, from + props.chunkSize() - 1)));
      }
      session.commit();
    } catch (JMSException e) {
      throw new IllegalStateException("the broker did not take the job's chunks", e);
    }
  }

  /** Sends what is left of a chunk again, to be delivered after {@code delay}, in the caller's session. */
  static void later(Session session, String queue, UUID job, int from, int to, Duration delay) throws JMSException {
    MessageProducer producer = session.createProducer(session.createQueue(queue));
    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    producer.setDeliveryDelay(Math.max(0, delay.toMillis()));
    producer.send(chunk(session, job, from, to));
    producer.close();
  }

  private static Message chunk(Session session, UUID job, int from, int to) throws JMSException {
    Message message = session.createMessage();
    message.setStringProperty(JOB, job.toString());
    message.setIntProperty(FROM, from);
    message.setIntProperty(TO, to);
    return message;
  }
}
