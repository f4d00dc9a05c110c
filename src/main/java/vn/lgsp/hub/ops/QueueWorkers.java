package vn.lgsp.hub.ops;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import org.slf4j.Logger;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;

/**
 * Workers that take messages from a broker queue in transacted sessions: a message is acknowledged
 * when its listener returns, and goes back to the broker (redelivered later) when it throws. The one
 * place the hub's queue workers (batch chunks, event pushes) are set up alike.
 */
public final class QueueWorkers {

  private QueueWorkers() {}

  /**
   * Starts {@code workers} consumers of {@code queue}. A listener's failure is one log line at WARN
   * ({@code handedBack} and the message: no stack trace, no message content).
   */
  public static DefaultMessageListenerContainer start(ConnectionFactory connections, String queue, int workers,
      SessionAwareMessageListener<Message> listener, Logger log, String handedBack) {
    DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.setDestinationName(queue);
    container.setSessionTransacted(true);
    container.setConcurrentConsumers(workers);
    container.setMaxConcurrentConsumers(workers);
    container.setMessageListener(listener);
    container.setErrorHandler(e -> log.warn("{}: {}", handedBack, e.getMessage()));
    container.setAutoStartup(false);
    container.afterPropertiesSet();
    container.start();
    return container;
  }
}
