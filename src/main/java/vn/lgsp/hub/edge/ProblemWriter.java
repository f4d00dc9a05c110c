package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemAnswers;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.XRoadHeaders;

/**
 * The one writer of the hub's problems: problem+json (RFC 9457) and SOAP 1.1 faults, both from a
 * {@link ProblemType}, with title and detail in the caller's language ({@code i18n/problems_*}).
 * The {@code type} and the SOAP {@code faultcode} stay the language-neutral code machines match on.
 */
@Component
public class ProblemWriter implements ProblemAnswers {

  /** Namespace of the fault detail, shared with the SOAP front's WSDL. */
  public static final String SOAP_NAMESPACE = "urn:lgsp:hub:v1";
  public static final String SOAP_CONTENT_TYPE = "text/xml; charset=utf-8";
  private static final String DETAIL_KEY_PREFIX = "detail.";

  private final MessageSource messages;
  private final ObjectMapper json;

  public ProblemWriter(MessageSource messages, ObjectMapper json) {
    this.messages = messages;
    this.json = json;
  }

  public Problem problem(ProblemType type, ProblemText detail, String messageId, Locale language) {
    return new Problem(type.code(), title(type, detail, language), type.status(), text(detail, language), messageId);
  }

  public String title(ProblemType type, Locale language) {
    return title(type, null, language);
  }

  /**
   * The title; a client header's problems name the header the caller sent, which their detail quotes first
   * (X-Road-Client when it quotes none). A missing message must not cost the caller its answer: the code is the
   * fallback.
   */
  private String title(ProblemType type, ProblemText detail, Locale language) {
    String header = XRoadHeaders.CLIENT;
    if (detail != null && !detail.args().isEmpty() && detail.args().get(0) instanceof String named
        && XRoadHeaders.isClientHeaderName(named)) {
      header = named;
    }
    return messages.getMessage(type.titleKey(), new Object[] {header}, type.code(), language);
  }

  /** The detail in {@code language}; null for none. */
  public String text(ProblemText detail, Locale language) {
    if (detail == null) {
      return null;
    }
    // a detail may quote another one (an input's name, then why its value is refused)
    Object[] args = detail.args().stream().map(a -> a instanceof ProblemText inner ? text(inner, language) : a).toArray();
    return messages.getMessage(DETAIL_KEY_PREFIX + detail.key(), args, detail.key(), language);
  }

  @Override
  public byte[] json(ProblemType type, ProblemText detail, String messageId, Locale language) {
    return json.writeValueAsBytes(problem(type, detail, messageId, language));
  }

  @Override
  public void send(HttpServletResponse response, ProblemType type, ProblemText detail, String messageId, Locale language)
      throws IOException {
    byte[] body = json(type, detail, messageId, language);
    response.setStatus(type.status());
    response.setHeader(XRoadHeaders.ERROR, type.code());
    if (messageId != null) {
      response.setHeader(XRoadHeaders.ID, messageId);
    }
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag());
    response.setContentType(MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** For Spring MVC handlers: the same body as a response entity. */
  public ResponseEntity<Problem> entity(ProblemType type, ProblemText detail, Locale language) {
    return entity(type, type.status(), detail, language);
  }

  /** With the status someone else chose (the container's error page keeps its 408, 414 ...). */
  public ResponseEntity<Problem> entity(ProblemType type, int status, ProblemText detail, Locale language) {
    return ResponseEntity.status(status)
        .contentType(MediaType.parseMediaType(MEDIA_TYPE))
        .header(XRoadHeaders.ERROR, type.code())
        .header(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag())
        .body(new Problem(type.code(), title(type, language), status, text(detail, language), null));
  }

  /** A SOAP 1.1 fault: faultcode is the problem type, as X-Road extends Client/Server codes. */
  public SOAPFaultException soapFault(ProblemType type, ProblemText detail, String messageId, Locale language) {
    return soapFault(type, text(detail, language), messageId, language);
  }

  /**
   * A fault whose detail was already written in {@code language} (the SOAP front relays the REST
   * front's problem); faultstring carries {@code xml:lang}.
   */
  public SOAPFaultException soapFault(ProblemType type, String renderedDetail, String messageId, Locale language) {
    try {
      SOAPFault fault = SOAPFactory.newInstance().createFault();
      fault.setFaultCode(new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, type.code(), "soap"));
      fault.setFaultString(renderedDetail == null ? title(type, language) : renderedDetail, language);
      Element problem = fault.addDetail().addDetailEntry(new QName(SOAP_NAMESPACE, "problem", "hub"));
      problem.appendChild(text(problem, "type", type.code()));
      problem.appendChild(text(problem, "status", Integer.toString(type.status())));
      if (messageId != null) {
        problem.appendChild(text(problem, "xRoadId", messageId));
      }
      return new SOAPFaultException(fault);
    } catch (SOAPException e) {
      throw new IllegalStateException("SAAJ cannot build a fault", e);
    }
  }

  /** The same fault for a CXF interceptor that replaces the one CXF was about to write. */
  public SoapFault cxfSoapFault(ProblemType type, ProblemText detail, String messageId, Locale language) {
    SOAPFault built = soapFault(type, detail, messageId, language).getFault();
    SoapFault fault = new SoapFault(built.getFaultString(), built.getFaultCodeAsQName());
    fault.setLang(language.toLanguageTag());
    Element target = fault.getOrCreateDetail();
    for (Node n = built.getDetail().getFirstChild(); n != null; n = n.getNextSibling()) {
      target.appendChild(target.getOwnerDocument().importNode(n, true));
    }
    return fault;
  }

  /** The whole SOAP envelope of a fault, for answers written before CXF sees the request. */
  public byte[] soapEnvelope(ProblemType type, ProblemText detail, String messageId, Locale language) {
    try {
      SOAPMessage message = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createMessage();
      message.getSOAPHeader().detachNode();
      message.setProperty(SOAPMessage.WRITE_XML_DECLARATION, "true");
      message.setProperty(SOAPMessage.CHARACTER_SET_ENCODING, "utf-8");
      SOAPFault fault = soapFault(type, detail, messageId, language).getFault();
      message.getSOAPBody().appendChild(message.getSOAPPart().importNode(fault, true));
      ByteArrayOutputStream out = new ByteArrayOutputStream(512);
      message.writeTo(out);
      return out.toByteArray();
    } catch (SOAPException | IOException e) {
      throw new IllegalStateException("SAAJ cannot write a fault", e);
    }
  }

  private static Element text(Element parent, String name, String value) {
    Element e = parent.getOwnerDocument().createElementNS(SOAP_NAMESPACE, "hub:" + name);
    e.setTextContent(value);
    return e;
  }
}
