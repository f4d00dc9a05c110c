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
 * @param nodeId the earlier name of {@code instanceId}, still read
 * @param instanceId this hub among several on one database and broker: in health, logs, the leader
 *     election, the seal witness's file name and whole-hub maintenance; by default the host name and
 *     the data directory, which stays the same across restarts
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(@DefaultValue("data") @NotNull Path dataDir, String nodeId, String instanceId) {

  @ConstructorBinding
  public HubProperties {}

  public HubProperties(Path dataDir, String nodeId) {
    this(dataDir, nodeId, null);
  }

  /** This hub's instance id. */
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
