package vn.lgsp.hub.soapfront;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.staxutils.DepthExceededStaxException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Why the SOAP front refused a request, as a problem type and a detail the caller may read:
 * the front's own faults keep theirs, CXF's are classified and never echoed (their text may
 * quote the request or name the parser).
 */
record SoapProblem(ProblemType type, String detail) {

  static SoapProblem of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SOAPFaultException own) {
        return new SoapProblem(HubSoapEndpoint.problemType(own.getFault().getFaultCodeAsQName().getLocalPart()),
            own.getFault().getFaultString());
      }
      if (t instanceof DepthExceededStaxException || t instanceof XMLStreamException && beyondLimit(t.getMessage())) {
        return new SoapProblem(ProblemType.INVALID_XML, "the XML exceeds the hub's limits (" + SoapFrontConfiguration.limits() + ")");
      }
      if (t instanceof XMLStreamException) {
        return new SoapProblem(ProblemType.INVALID_XML, "the message is not well-formed XML");
      }
    }
    if (failure instanceof org.apache.cxf.binding.soap.SoapFault fault && fault.getFaultCode() != null
        && !fault.getFaultCode().getLocalPart().startsWith("Server")) {
      return new SoapProblem(ProblemType.INVALID_REQUEST, "the request is not a SOAP 1.1 message the hub accepts");
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
