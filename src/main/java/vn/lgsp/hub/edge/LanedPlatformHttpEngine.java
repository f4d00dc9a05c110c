package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * platform-http on the hub's own lanes. Camel's Spring Boot engine runs every route on one
 * executor (Boot's task pool, whose queue is unbounded); this one runs each request on the lane
 * {@link ExchangeLanes} chooses for it, and answers a request whose lane is full with
 * {@code 503 Server.Hub.Overloaded} on the request thread, at once and logged. The bean name is
 * the one Camel's platform-http component looks up, so Camel's own engine steps aside.
 */
@Component("platform-http-engine")
public class LanedPlatformHttpEngine extends SpringBootPlatformHttpEngine {

  private final ExchangeLanes lanes;
  private final OverloadRefusal overload;
  private final Clock clock;

  public LanedPlatformHttpEngine(
      @Value("${server.port:8080}") int port, ExchangeLanes lanes, OverloadRefusal overload, Clock clock) {
    super(port, lanes.front());
    this.lanes = lanes;
    this.overload = overload;
    this.clock = clock;
  }

  @Override
  public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
    return new LanedConsumer(endpoint, processor);
  }

  /** A route's consumer: Camel's, but each request on its lane. */
  private final class LanedConsumer extends SpringBootPlatformHttpConsumer {

    private static final Logger log = LoggerFactory.getLogger(LanedConsumer.class);

    LanedConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
      super(endpoint, processor, lanes.front());
    }

    @Override
    public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
      Instant received = clock.instant();
      try {
        return CompletableFuture.runAsync(() -> run(request, response), lanes.of(request));
      } catch (RejectedExecutionException full) {
        overload.refuse(request, response, received);
        return CompletableFuture.completedFuture(null);
      }
    }

    private void run(HttpServletRequest request, HttpServletResponse response) {
      try {
        handleService(request, response);
      } catch (Exception e) {
        // the engine's finisher answers every failure of a route; this is a fault outside it
        log.warn("request could not be handled ({})", e.getClass().getName());
        try {
          if (!response.isCommitted()) {
            response.sendError(500);
          }
        } catch (Exception ignored) {
          // the connection is gone: nothing left to answer
        }
      }
    }
  }
}
