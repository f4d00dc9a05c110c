package vn.lgsp.hub.events;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The pushes waiting on the broker: one durable message per delivery (subscription and event), sent
 * again with a delay for each retry. The message only says which delivery is due: its state is in the
 * database, so a duplicate message does nothing.
 */
@Component
class PushQueue {

  static final String SUBSCRIPTION = "subscription";
  static final String EVENT = "event";

  private final JmsTemplate jms;
  private final EventProperties props;

  PushQueue(JmsTemplate jmsTemplate, EventProperties props) {
    this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    this.jms.setSessionTransacted(true);
    this.props = props;
  }

  /** Enqueues these deliveries, due now, in one broker transaction. */
  void dueNow(Collection<EventStore.Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return;
    }
    jms.execute(session -> {
      MessageProducer producer = session.createProducer(session.createQueue(props.queue()));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (EventStore.Delivery d : deliveries) {
        producer.send(message(session, d.subscriptionId(), d.eventId()));
      }
      session.commit();
      return null;
    }, true);
  }

  /** Enqueues one delivery after {@code delay}, in a broker transaction of its own. */
  void later(UUID subscription, UUID event, Duration delay) {
    jms.execute(session -> {
      later(session, subscription, event, delay);
      session.commit();
      return null;
    }, true);
  }

  /** Enqueues one delivery after {@code delay}, in the caller's (transacted) session. */
  void later(Session session, UUID subscription, UUID event, Duration delay) throws JMSException {
    MessageProducer producer = session.createProducer(session.createQueue(props.queue()));
    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    producer.setDeliveryDelay(Math.max(0, delay.toMillis()));
    producer.send(message(session, subscription, event));
    producer.close();
  }

  private static Message message(Session session, UUID subscription, UUID event) throws JMSException {
    Message message = session.createMessage();
    message.setStringProperty(SUBSCRIPTION, subscription.toString());
    message.setStringProperty(EVENT, event.toString());
    return message;
  }
}
