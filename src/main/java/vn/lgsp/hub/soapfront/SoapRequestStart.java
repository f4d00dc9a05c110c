package vn.lgsp.hub.soapfront;

import java.time.Clock;
import java.util.Locale;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The first step of a SOAP request: notes when it arrived (for the record of a refusal) and
 * refuses a POST whose content type is not SOAP 1.1's {@code text/xml}, before CXF parses it.
 */
@Component
class SoapRequestStart extends AbstractPhaseInterceptor<SoapMessage> {

  static final String STARTED = SoapRequestStart.class.getName() + ".started";

  private final Clock clock;

  SoapRequestStart(Clock clock) {
    super(Phase.RECEIVE);
    this.clock = clock;
  }

  @Override
  public void handleMessage(SoapMessage message) {
    message.put(STARTED, clock.instant());
    if (!"POST".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
      return; // the WSDL
    }
    Object contentType = message.get(Message.CONTENT_TYPE);
    if (!(contentType instanceof String type) || !type.toLowerCase(Locale.ROOT).startsWith("text/xml")) {
      throw new Fault(new SoapRefusal(ProblemType.UNSUPPORTED_MEDIA_TYPE, "soap.text-xml-only"));
    }
  }
}
