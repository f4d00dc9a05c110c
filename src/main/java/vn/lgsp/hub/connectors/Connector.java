package vn.lgsp.hub.connectors;

import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A backend system the hub can call: one per descriptor, built by the {@link ConnectorRegistry}. */
public interface Connector {

  ConnectorDescriptor descriptor();

  /**
   * Calls one operation with validated inputs and answers canonical JSON. Failures are {@code
   * HubProblemException}s with a {@code Server.Provider.*} or {@code Client.*} type.
   *
   * @param consumer the subsystem the exchange is for: the failures only its requests cause open
   *     its own breaker, not the register's
   * @param traceparent the W3C trace context sent to the backend (a child span of the exchange's)
   */
  JsonNode invoke(String operation, Map<String, String> inputs, String consumer, String traceparent);

  /** The backend's address: where health checks probe it. */
  default URI address() {
    ConnectorDescriptor d = descriptor();
    return URI.create(d.protocol() == ConnectorDescriptor.Protocol.SOAP ? d.soap().address() : d.rest().baseUrl());
  }
}
