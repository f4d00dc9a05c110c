package vn.lgsp.hub.engine;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.SynchronizationRouteAware;
import org.apache.camel.support.SynchronizationAdapter;
import vn.lgsp.hub.exchange.LogContext;

/**
 * Runs the {@link ExchangeFinisher} when the exchange leaves the route it entered by, whether it
 * succeeded or was refused, and before the consumer writes the HTTP response. A route-level
 * onCompletion would not do: it is registered inside the intercepted part of the route, so a
 * refusal by the gate would skip it. Stateless, so one instance serves all exchanges.
 */
final class FinishOnRouteDone extends SynchronizationAdapter implements SynchronizationRouteAware {

  private final ExchangeFinisher finisher;

  FinishOnRouteDone(ExchangeFinisher finisher) {
    this.finisher = finisher;
  }

  /** The unit of work asks for the route-aware part through this method. */
  @Override
  public SynchronizationRouteAware getRouteSynchronization() {
    return this;
  }

  /** Stays with this exchange, never handed to a copy (as in a wire tap). */
  @Override
  public boolean allowHandover() {
    return false;
  }

  @Override
  public void onBeforeRoute(Route route, Exchange exchange) {}

  @Override
  public void onAfterRoute(Route route, Exchange exchange) {
    if (route.getRouteId().equals(exchange.getFromRouteId())) {
      try {
        finisher.process(exchange);
      } finally {
        LogContext.clear();
      }
    }
  }
}
