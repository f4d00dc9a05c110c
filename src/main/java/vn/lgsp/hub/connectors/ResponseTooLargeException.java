package vn.lgsp.hub.connectors;

import java.io.IOException;

/**
 * A backend's answer went past its connector's {@code maxResponseSize}; thrown where the reading
 * stops, so that the rest of the answer is never read. An {@code IOException}, because that is
 * what HTTP clients and XML parsers pass on from a failing stream.
 */
final class ResponseTooLargeException extends IOException {

  ResponseTooLargeException(long limit) {
    super("the answer is larger than " + limit + " bytes");
  }

  /** The HTTP client's own failure after the body handler cut the answer (it says "cancelled"). */
  ResponseTooLargeException(Throwable cut) {
    super("the answer is larger than the limit", cut);
  }
}
