package vn.lgsp.hub.audit;

import jakarta.jms.DeliveryMode;
import java.nio.charset.StandardCharsets;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands a record to the durable broker queue. The send blocks until the broker has stored the
 * message, so once the caller has its answer the evidence cannot be lost; the database is never
 * on the request path.
 */
@Component
public class ExchangeLogPublisher {

  private final JmsTemplate jms;
  private final String queue;

  public ExchangeLogPublisher(JmsTemplate jmsTemplate, AuditProperties props) {
    this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    this.jms.setExplicitQosEnabled(true);
    this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
    this.queue = props.queue();
  }

  public void publish(ExchangeRecord record) {
    String body = new String(RecordCodec.write(record), StandardCharsets.UTF_8);
    jms.send(queue, session -> session.createTextMessage(body));
  }
}
