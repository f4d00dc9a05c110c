package vn.lgsp.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.DeliveryMode;
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
  private final ObjectMapper json;
  private final String queue;

  public ExchangeLogPublisher(JmsTemplate jmsTemplate, ObjectMapper json, AuditProperties props) {
    this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    this.jms.setExplicitQosEnabled(true);
    this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
    this.json = json;
    this.queue = props.queue();
  }

  public void publish(ExchangeRecord record) {
    String body;
    try {
      body = json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("exchange record not serialisable", e);
    }
    jms.send(queue, session -> session.createTextMessage(body));
  }
}
