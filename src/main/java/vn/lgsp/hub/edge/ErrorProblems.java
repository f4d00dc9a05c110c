package vn.lgsp.hub.edge;

import vn.lgsp.hub.protocol.ProblemType;

/** The problem type for an HTTP status that Spring or the servlet container chose. */
final class ErrorProblems {

  private ErrorProblems() {}

  static ProblemType forStatus(int status) {
    return switch (status) {
      case 401 -> ProblemType.UNAUTHENTICATED;
      case 403 -> ProblemType.ACCESS_DENIED;
      case 404 -> ProblemType.UNKNOWN_SERVICE;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 400 && status < 500 ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL_ERROR;
    };
  }
}
