package vn.lgsp.hub.connectors;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Whether a backend accepts connections at all: a TCP connect to its address, remembered for a
 * few seconds. A backend that went away shows in health at once, before any call trips its
 * breaker; and health checks never send a request a register would have to log.
 */
@Component
public class BackendProbe {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final Duration FRESH_FOR = Duration.ofSeconds(3);

  private record Probe(boolean reachable, Instant at) {}

  private final Clock clock;
  private final Map<String, Probe> probes = new ConcurrentHashMap<>();

  public BackendProbe(Clock clock) {
    this.clock = clock;
  }

  public boolean reachable(Connector connector) {
    Instant now = clock.instant();
    Probe last = probes.get(connector.descriptor().id());
    if (last != null && last.at().plus(FRESH_FOR).isAfter(now)) {
      return last.reachable();
    }
    boolean reachable = connect(connector.address());
    probes.put(connector.descriptor().id(), new Probe(reachable, now));
    return reachable;
  }

  private static boolean connect(URI address) {
    int port = address.getPort() > 0 ? address.getPort() : "https".equals(address.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.getHost(), port), (int) TIMEOUT.toMillis());
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
