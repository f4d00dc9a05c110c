package vn.lgsp.hub;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the hub as a whole.
 *
 * @param dataDir where the embedded database, the broker journal and the hub's keys live; two
 *     hubs on one machine need two data directories
 * @param nodeId this hub among several on one database (node-scoped maintenance, its heartbeat, its
 *     seal witness file); by default the host name and the data directory
 * @param instanceId the same, under the name the fleet's settings use ({@code hub.instance-id}); wins
 *     over {@code nodeId}. Keep it stable across restarts (a pod's name, a host name)
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(@DefaultValue("data") @NotNull Path dataDir, String nodeId, String instanceId) {

  @ConstructorBinding
  public HubProperties {}

  public HubProperties(Path dataDir, String nodeId) {
    this(dataDir, nodeId, null);
  }

  /** This hub's node id. */
  public String node() {
    if (instanceId != null && !instanceId.isBlank()) {
      return instanceId;
    }
    if (nodeId != null && !nodeId.isBlank()) {
      return nodeId;
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + dataDir.toAbsolutePath().normalize();
  }
}
