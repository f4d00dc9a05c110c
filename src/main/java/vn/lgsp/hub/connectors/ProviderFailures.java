package vn.lgsp.hub.connectors;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import vn.lgsp.hub.protocol.FailureCauses;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Classifies what a backend call threw. The caller learns which provider failed and how, never
 * the backend's own message: that stays in the hub (it may carry internals or personal data).
 */
final class ProviderFailures {

  private ProviderFailures() {}

  static HubProblemException classify(String connectorId, Throwable failure) {
    if (failure instanceof HubProblemException problem) {
      return problem;
    }
    if (isTooLarge(failure)) {
      return new HubProblemException(
          ProblemType.PROVIDER_RESPONSE_TOO_LARGE, ProblemText.of("provider.too-large", connectorId), failure);
    }
    if (failure instanceof CallNotPermittedException) {
      return new HubProblemException(
          ProblemType.PROVIDER_UNAVAILABLE,
          ProblemText.of("provider.breaker-open", connectorId));
    }
    if (failure instanceof BulkheadFullException) {
      return new HubProblemException(
          ProblemType.PROVIDER_UNAVAILABLE, ProblemText.of("provider.bulkhead-full", connectorId));
    }
    if (isUnreachableCause(failure)) {
      return new HubProblemException(
          ProblemType.PROVIDER_UNAVAILABLE, ProblemText.of("provider.unreachable", connectorId), failure);
    }
    if (isTimeout(failure)) {
      return new HubProblemException(
          ProblemType.PROVIDER_TIMEOUT, ProblemText.of("provider.timeout", connectorId), failure);
    }
    return new HubProblemException(
        ProblemType.PROVIDER_FAULT, ProblemText.of("provider.fault", connectorId), failure);
  }

  /** Worth a retry: the request never reached the backend, so repeating it is safe. */
  static boolean isUnreachable(Throwable t) {
    return t instanceof HubProblemException p
        && p.type() == ProblemType.PROVIDER_UNAVAILABLE
        && isUnreachableCause(p.getCause());
  }

  /** The answer went past the connector's size limit, wherever the reading stopped. */
  static boolean isTooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ResponseTooLargeException) {
        return true;
      }
    }
    return false;
  }

  /** The backend could not be reached at all: no request content causes that. */
  static boolean isUnreachableCause(Throwable failure) {
    return FailureCauses.unreachable(failure);
  }

  private static boolean isTimeout(Throwable failure) {
    return FailureCauses.timedOut(failure);
  }
}
