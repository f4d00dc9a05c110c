package vn.lgsp.hub.sandbox.population;

import jakarta.xml.ws.WebFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.interceptors.WebFaultOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Keeps SOAP faults to what the WSDL declares. A fault raised by one of the declared fault
 * exceptions ({@code @WebFault}) passes unchanged; any other fault (a bug, a malformed envelope,
 * an unknown operation) leaves with a fixed message, its fault code, and no detail, so nothing of
 * the server's internals (exception texts, class names, stack traces) reaches the caller. The
 * original stays available to the server's own logging.
 */
final class FaultSanitizer extends AbstractPhaseInterceptor<Message> {

  static final String CLIENT_MESSAGE = "Invalid SOAP request";
  static final String SERVER_MESSAGE = "Internal error";

  FaultSanitizer() {
    super(Phase.PRE_PROTOCOL);
    addBefore(WebFaultOutInterceptor.class.getName());
  }

  @Override
  public void handleMessage(Message message) {
    Exception exception = message.getContent(Exception.class);
    if (!(exception instanceof Fault fault) || isDeclared(fault)) {
      return;
    }
    fault.setMessage(isClientFault(fault) ? CLIENT_MESSAGE : SERVER_MESSAGE);
    fault.setDetail(null);
  }

  private static boolean isDeclared(Fault fault) {
    Throwable cause = fault.getCause();
    return cause != null && cause.getClass().isAnnotationPresent(WebFault.class);
  }

  private static boolean isClientFault(Fault fault) {
    // SOAP 1.1 says "Client", SOAP 1.2 "Sender", CXF's own code before binding "client"
    String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
    return "client".equalsIgnoreCase(code) || "sender".equalsIgnoreCase(code);
  }
}
