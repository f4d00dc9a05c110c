package vn.lgsp.hub.embedded;

import java.util.OptionalLong;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.pipeline.QueueDepth;

/** Queue depths read from the embedded broker itself (no JMS browsing). */
@Component
public class EmbeddedQueueDepth implements QueueDepth {

  private final ObjectProvider<EmbeddedActiveMQ> broker;

  public EmbeddedQueueDepth(ObjectProvider<EmbeddedActiveMQ> broker) {
    this.broker = broker;
  }

  @Override
  public OptionalLong of(String queue) {
    EmbeddedActiveMQ embedded = broker.getIfAvailable();
    if (embedded == null || embedded.getActiveMQServer() == null) {
      return OptionalLong.empty();
    }
    Queue found = embedded.getActiveMQServer().locateQueue(SimpleString.of(queue));
    return found == null ? OptionalLong.of(0) : OptionalLong.of(found.getMessageCount());
  }
}
