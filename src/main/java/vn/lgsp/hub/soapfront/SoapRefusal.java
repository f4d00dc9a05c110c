package vn.lgsp.hub.soapfront;

import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The SOAP front refuses a request itself (a header, the body's element, the content type): what
 * the caller is told, not yet how. {@link SoapRefusalRecorder} answers it as a fault through the
 * edge's writer, in the caller's language, and records it.
 */
final class SoapRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final transient ProblemText detail;

  SoapRefusal(ProblemType type, ProblemText detail) {
    super(type.code() + (detail == null ? "" : ": " + detail), null, false, false);
    this.type = type;
    this.detail = detail;
  }

  SoapRefusal(ProblemType type, String detailKey) {
    this(type, ProblemText.of(detailKey));
  }

  ProblemType type() {
    return type;
  }

  ProblemText detail() {
    return detail;
  }
}
