package vn.lgsp.hub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import vn.lgsp.hub.engine.ExchangeContext;
import vn.lgsp.hub.engine.RequestParameters;

/** One operation of one connector, as a Camel producer: inputs in, canonical JSON out. */
final class ConnectorEndpoint extends DefaultEndpoint {

  private final Connector connector;
  private final String operation;

  ConnectorEndpoint(String uri, ConnectorComponent component, Connector connector, String operation) {
    super(uri, component);
    this.connector = connector;
    this.operation = operation;
  }

  @Override
  public Producer createProducer() {
    return new DefaultProducer(this) {
      @Override
      public void process(Exchange exchange) {
        Map<String, String> inputs =
            InputValidator.collect(
                connector.descriptor().operations().get(operation),
                name -> RequestParameters.lookup(exchange, name));
        ExchangeContext context = ExchangeContext.of(exchange);
        Instant requestOut = Instant.now();
        try {
          JsonNode answer = connector.invoke(operation, inputs);
          exchange.getMessage().setBody(answer);
        } finally {
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
