package vn.lgsp.hub.sandbox.population;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.sandbox.population.ws.CitizenNotFound;
import vn.lgsp.hub.sandbox.population.ws.CitizenNotFoundFault;

class FaultSanitizerTest {

  private final FaultSanitizer sanitizer = new FaultSanitizer();

  @Test
  void anUndeclaredServerErrorLosesItsTextAndDetail() throws Exception {
    Fault fault = new Fault(new IllegalStateException("secret: jdbc:postgresql://db/internal"));
    fault.setDetail(DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument()
        .createElement("stackTrace"));

    Message message = faultMessage(fault);
    sanitizer.handleMessage(message);

    assertThat(message.getContent(Exception.class)).isSameAs(fault);
    assertThat(fault.getMessage()).isEqualTo(FaultSanitizer.SERVER_MESSAGE);
    assertThat(fault.hasDetails()).isFalse();
  }

  @Test
  void anUndeclaredClientErrorKeepsItsCodeWithAFixedText() {
    Fault fault = new Fault(new IllegalArgumentException("Unmarshalling Error: unexpected element x"),
        Fault.FAULT_CODE_CLIENT);

    sanitizer.handleMessage(faultMessage(fault));

    assertThat(fault.getMessage()).isEqualTo(FaultSanitizer.CLIENT_MESSAGE);
    assertThat(fault.getFaultCode()).isEqualTo(Fault.FAULT_CODE_CLIENT);
  }

  @Test
  void aDeclaredFaultPassesUnchanged() {
    CitizenNotFound info = new CitizenNotFound();
    info.setPersonalId("001085999999");
    Fault fault = new Fault(new CitizenNotFoundFault("Citizen not found", info));

    sanitizer.handleMessage(faultMessage(fault));

    assertThat(fault.getMessage()).isEqualTo("Citizen not found");
  }

  private static Message faultMessage(Fault fault) {
    Message message = new MessageImpl();
    message.setContent(Exception.class, fault);
    return message;
  }
}
