package vn.lgsp.hub.embedded;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.pipeline.QueueDepth;

/**
 * Queue depths: read from the embedded broker itself, or asked of an external broker through its
 * management address over the core protocol (the attribute {@code messageCount} of
 * {@code queue.<name>}), on a connection of its own, at most every few seconds per queue. Unknown
 * (empty) when the broker does not answer within two seconds or refuses the question (the hub's
 * broker user needs the {@code manage} permission on {@code activemq.management}).
 */
@Component
public class BrokerQueueDepth implements QueueDepth {

  static final String MANAGEMENT_ADDRESS = "activemq.management";

  private static final Logger log = LoggerFactory.getLogger(BrokerQueueDepth.class);
  private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long ANSWER_MILLIS = 2_000;

  private final ObjectProvider<EmbeddedActiveMQ> broker;
  private final ObjectProvider<ConnectionFactory> connections;
  private final Map<String, Asked> asked = new ConcurrentHashMap<>();

  public BrokerQueueDepth(ObjectProvider<EmbeddedActiveMQ> broker, ObjectProvider<ConnectionFactory> connections) {
    this.broker = broker;
    this.connections = connections;
  }

  @Override
  public OptionalLong of(String queue) {
    EmbeddedActiveMQ embedded = broker.getIfAvailable();
    if (embedded != null) {
      if (embedded.getActiveMQServer() == null) {
        return OptionalLong.empty();
      }
      Queue found = embedded.getActiveMQServer().locateQueue(SimpleString.of(queue));
      return found == null ? OptionalLong.of(0) : OptionalLong.of(found.getMessageCount());
    }
    ConnectionFactory factory = connections.getIfAvailable();
    if (factory == null) {
      return OptionalLong.empty();
    }
    long now = System.nanoTime();
    Asked last = asked.get(queue);
    if (last != null && now - last.at() < FRESH_NANOS) {
      return last.depth();
    }
    OptionalLong depth = ask(factory, queue);
    asked.put(queue, new Asked(depth, now));
    return depth;
  }

  private static OptionalLong ask(ConnectionFactory factory, String queue) {
    // not on the shared cached connection: its sessions and consumers serve the exchange log
    ConnectionFactory direct = factory instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null
        ? single.getTargetConnectionFactory() : factory;
    try (Connection connection = direct.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      TemporaryQueue replies = session.createTemporaryQueue();
      MessageConsumer consumer = session.createConsumer(replies);
      MessageProducer producer = session.createProducer(ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS));
      producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
      connection.start();
      Message count = attribute(session, producer, consumer, replies, ResourceNames.QUEUE + queue, "messageCount");
      if (succeeded(count) && JMSManagementHelper.getResult(count) instanceof Number n) {
        return OptionalLong.of(n.longValue());
      }
      // a queue not created yet (the dead-letter queue before its first record) holds nothing
      Message names = attribute(session, producer, consumer, replies, ResourceNames.BROKER, "queueNames");
      if (succeeded(names) && JMSManagementHelper.getResult(names) instanceof Object[] all
          && !Arrays.asList(all).contains(queue)) {
        return OptionalLong.of(0);
      }
      return OptionalLong.empty();
    } catch (Exception e) {
      log.debug("depth of {} not known ({})", queue, e.getClass().getSimpleName());
      return OptionalLong.empty();
    }
  }

  private static Message attribute(Session session, MessageProducer producer, MessageConsumer consumer,
      TemporaryQueue replies, String resource, String attribute) throws Exception {
    Message request = session.createMessage();
    JMSManagementHelper.putAttribute(request, resource, attribute);
    request.setJMSReplyTo(replies);
    producer.send(request);
    return consumer.receive(ANSWER_MILLIS);
  }

  private static boolean succeeded(Message reply) throws Exception {
    return reply != null && JMSManagementHelper.hasOperationSucceeded(reply);
  }

  private record Asked(OptionalLong depth, long at) {}
}
