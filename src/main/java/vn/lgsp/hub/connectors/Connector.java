package vn.lgsp.hub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A backend system the hub can call: one per descriptor, built by the {@link ConnectorRegistry}. */
public interface Connector {

  ConnectorDescriptor descriptor();

  /**
   * Calls one operation with validated inputs and answers canonical JSON. Failures are {@code
   * HubProblemException}s with a {@code Server.Provider.*} or {@code Client.*} type.
   */
  JsonNode invoke(String operation, Map<String, String> inputs);
}
