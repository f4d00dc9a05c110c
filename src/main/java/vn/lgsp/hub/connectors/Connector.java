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

  /**
   * Calls one operation as {@link #invoke} does, with the register's signature of its answer when its descriptor
   * requires one.
   */
  default Answer answer(String operation, Map<String, String> inputs, String consumer, String traceparent) {
    return new Answer(invoke(operation, inputs, consumer, traceparent), null);
  }

  /**
   * A register's answer.
   *
   * @param data the answer, canonical JSON
   * @param signature the register's verified signature of it, as the exchange record keeps it; null when unsigned
   */
  record Answer(JsonNode data, String signature) {}

  /** The backend's address: where health checks probe it. */
  default URI address() {
    ConnectorDescriptor d = descriptor();
    return URI.create(d.protocol() == ConnectorDescriptor.Protocol.SOAP ? d.soap().address() : d.rest().baseUrl());
  }
}
