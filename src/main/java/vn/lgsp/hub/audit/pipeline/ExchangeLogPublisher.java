package vn.lgsp.hub.audit.pipeline;

import jakarta.jms.DeliveryMode;
import java.nio.charset.StandardCharsets;
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
    // a text message, as hubs before this one send and read. The writer reads bytes messages too (the codec's UTF-8
    // as it is, half the broker's journal): a later release may send them once no hub that reads text only can
    // still hold the lead; sent now, an older leader in a rolling upgrade would dead-letter them
    String body = new String(RecordCodec.write(masked), StandardCharsets.UTF_8);
    jms.send(queue, session -> session.createTextMessage(body));
  }
}
