package vn.lgsp.hub.connectors;

import java.time.Instant;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.RequestParameters;

/** One operation of one connector, as a Camel producer: inputs in, canonical JSON out. */
final class ConnectorEndpoint extends DefaultEndpoint {

  private final Connector connector;
  private final String operation;
  private final ConnectorActivity activity;

  ConnectorEndpoint(String uri, ConnectorComponent component, Connector connector, String operation,
      ConnectorActivity activity) {
    super(uri, component);
    this.connector = connector;
    this.operation = operation;
    this.activity = activity;
  }

  @Override
  public Producer createProducer() {
    return new DefaultProducer(this) {
      @Override
      public void process(Exchange exchange) {
        ExchangeContext context = ExchangeContext.of(exchange);
        Map<String, String> inputs =
            InputValidator.collect(
                connector.descriptor().operations().get(operation),
                name -> RequestParameters.lookup(exchange, name), context);
        String traceparent = context.outboundTraceparent();
        Instant requestOut = Instant.now();
        long started = System.nanoTime();
        RuntimeException failure = null;
        try {
          String consumer = context.client() == null ? "" : context.client().toString();
          Connector.Answer answer = connector.answer(operation, inputs, consumer, traceparent);
          if (answer.signature() != null) {
            // a route with several connector steps keeps the last signed answer's signature
            context.providerSignature(answer.signature());
          }
          exchange.getMessage().setBody(answer.data());
        } catch (RuntimeException e) {
          failure = e;
          throw e;
        } finally {
          activity.record(connector.descriptor().id(), operation, System.nanoTime() - started, failure);
          context.providerCalled(requestOut, Instant.now());
        }
      }
    };
  }

  @Override
  public Consumer createConsumer(Processor processor) {
    throw new UnsupportedOperationException("connector endpoints only send");
  }

  @Override
  public boolean isRemote() {
    return true;
  }
}
