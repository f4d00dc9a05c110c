package vn.lgsp.hub.protocol;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * The one classification of what a failure means, used by the connectors (which name the provider
 * in the detail) and by the engine's problem answer (for whatever no connector mapped): a problem
 * the hub raised keeps its type, an unreachable backend is {@code PROVIDER_UNAVAILABLE}, a backend
 * that did not answer in time {@code PROVIDER_TIMEOUT}, anything else an internal error.
 */
public final class FailureCauses {

  private FailureCauses() {}

  /** The type of the failure, looking through its causes. */
  public static ProblemType classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HubProblemException problem) {
        return problem.type();
      }
    }
    if (unreachable(failure)) {
      return ProblemType.PROVIDER_UNAVAILABLE;
    }
    return timedOut(failure) ? ProblemType.PROVIDER_TIMEOUT : ProblemType.INTERNAL_ERROR;
  }

  /** The backend could not be reached at all: no request content causes that. */
  public static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  /** The backend was reached but did not answer in time. */
  public static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
