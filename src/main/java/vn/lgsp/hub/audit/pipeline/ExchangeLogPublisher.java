package vn.lgsp.hub.audit.pipeline;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordCodec;
import vn.lgsp.hub.audit.record.SubjectHasher;

/**
 * Hands a record to the durable broker queue. The send blocks until the broker has stored the
 * message, so once the caller has its answer the evidence cannot be lost; the database is never
 * on the request path. The message id is the caller's free choice, so a personal ID in it is masked
 * here, where every record passes, as in the path and purpose; searches by message id mask the
 * same way ({@link vn.lgsp.hub.audit.query.LogFilters}), so an id is still found as the caller sent it.
 */
@Component
public class ExchangeLogPublisher {

  private final JmsTemplate jms;
  private final String queue;
  private final SubjectHasher hasher;

  public ExchangeLogPublisher(JmsTemplate jmsTemplate, AuditProperties props, SubjectHasher hasher) {
    this.hasher = hasher;
    this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    this.jms.setExplicitQosEnabled(true);
    this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
    this.queue = props.queue();
  }

  public void publish(ExchangeRecord record) {
    String messageId = hasher.maskMessageId(record.messageId());
    ExchangeRecord masked = messageId.equals(record.messageId()) ? record : record.toBuilder().messageId(messageId).build();
    // the codec's UTF-8 bytes as they are: a text message would copy them into a string, and the broker store
    // that string in two bytes a character
    byte[] body = RecordCodec.write(masked);
    jms.send(queue, session -> {
      BytesMessage message = session.createBytesMessage();
      message.writeBytes(body);
      return message;
    });
  }
}
