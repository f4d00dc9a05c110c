package vn.lgsp.hub.soapfront;

import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.staxutils.DepthExceededStaxException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Why the SOAP front refused a request, as a problem type and a detail the caller may read:
 * the front's own refusals keep theirs, CXF's are classified and never echoed (their text may
 * quote the request or name the parser).
 */
record SoapProblem(ProblemType type, ProblemText detail) {

  static SoapProblem of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SoapRefusal own) {
        return new SoapProblem(own.type(), own.detail());
      }
      if (t instanceof DepthExceededStaxException || t instanceof XMLStreamException && beyondLimit(t.getMessage())) {
        return new SoapProblem(ProblemType.INVALID_XML, ProblemText.of("xml.beyond-limits", SoapFrontConfiguration.limits()));
      }
      if (t instanceof XMLStreamException) {
        return new SoapProblem(ProblemType.INVALID_XML, ProblemText.of("xml.not-well-formed"));
      }
    }
    if (failure instanceof org.apache.cxf.binding.soap.SoapFault fault && fault.getFaultCode() != null
        && !fault.getFaultCode().getLocalPart().startsWith("Server")) {
      return new SoapProblem(ProblemType.INVALID_REQUEST, ProblemText.of("soap.not-accepted"));
    }
    return new SoapProblem(ProblemType.INTERNAL_ERROR, null);
  }

  static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Woodstox and CXF name their limits in the message ("Maximum Element Depth limit (32) Exceeded"). */
  private static boolean beyondLimit(String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return text.contains("limit") || text.contains("maximum") || text.contains("exceed");
  }
}
