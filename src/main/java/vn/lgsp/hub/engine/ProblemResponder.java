package vn.lgsp.hub.engine;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.FailureCauses;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.exchange.ExchangeContext;

/**
 * Maps whatever went wrong to a problem type and a detail safe to show the caller. Backend
 * messages and exception texts stay in the hub: they may name hosts, classes or personal IDs.
 */
@Component
public class ProblemResponder implements Processor {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

  /** Exchange property holding the detail text for the finisher. */
  static final String DETAIL = "hub.problemDetail";

  @Override
  public void process(Exchange exchange) {
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    ExchangeContext context = ExchangeContext.find(exchange);
    ProblemType type;
    ProblemText detail = null;
    if (failure instanceof HubProblemException problem) {
      type = problem.type();
      detail = problem.detail();
      if (type.code().startsWith("Server.")) {
        // the hub's or a provider's failure is an operator's business; the detail names no person
        log.warn("exchange {} failed: {}: {}", context == null ? "-" : context.messageId(), type.code(), detail);
      }
    } else {
      type = classify(failure);
      log.warn(
          "exchange {} failed: {} ({})",
          context == null ? "-" : context.messageId(),
          type.code(),
          failure == null ? "unknown" : failure.getClass().getName());
    }
    if (context != null) {
      context.problem(type);
    }
    exchange.setProperty(DETAIL, detail);
  }

  /** Transport failures of connectors that did not map them themselves: the one classification. */
  static ProblemType classify(Throwable failure) {
    return FailureCauses.classify(failure);
  }
}
