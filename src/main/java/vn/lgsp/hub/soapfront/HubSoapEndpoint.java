package vn.lgsp.hub.soapfront;

import jakarta.annotation.Resource;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.w3c.dom.Element;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriTemplate;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.edge.LoopbackClient;
import vn.lgsp.hub.edge.ProblemWriter;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * The SOAP front for one-stop systems that speak SOAP: the X-Road SOAP headers name client and
 * service, the body element carries the inputs, and the call is made as an ordinary X-Road REST
 * exchange through the hub's own front door, with the caller's bearer token. So authentication,
 * access rights, purpose, minimisation and the exchange log are exactly those of REST; problems
 * come back as SOAP faults whose faultcode is the same problem type.
 */
@WebServiceProvider(
    serviceName = HubSoapEndpoint.SERVICE,
    portName = HubSoapEndpoint.PORT,
    targetNamespace = HubSoapEndpoint.NAMESPACE)
@ServiceMode(Service.Mode.MESSAGE)
@org.springframework.stereotype.Component
public class HubSoapEndpoint implements Provider<SOAPMessage> {

  public static final String NAMESPACE = ProblemWriter.SOAP_NAMESPACE;
  public static final String SERVICE = "HubService";
  public static final String PORT = "HubPort";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Longest input that goes into the REST path (a personal ID has 12 digits). */
  static final int MAX_PATH_INPUT = 64;

  private final ServiceCatalog catalog;
  private final LoopbackClient loopback;
  private final ObjectMapper json;
  private final ProblemWriter problems;

  @Resource private WebServiceContext context;

  public HubSoapEndpoint(ServiceCatalog catalog, LoopbackClient loopback, ObjectMapper json, ProblemWriter problems) {
    this.catalog = catalog;
    this.loopback = loopback;
    this.json = json;
    this.problems = problems;
  }

  @Override
  public SOAPMessage invoke(SOAPMessage request) {
    XRoadSoapHeaders headers;
    ServiceId service;
    try {
      headers = XRoadSoapHeaders.read(request.getSOAPHeader());
      service = serviceId(headers.service());
      Optional<MetaService> meta = MetaService.named(service.serviceCode());
      if (meta.isPresent()) {
        return metaService(request, headers, service, meta.get());
      }
      PublishedService target = target(service);
      Element body = requestElement(request.getSOAPBody(), NAMESPACE, service.serviceCode());
      checkSoapAction(requestHeader("SOAPAction"), service.serviceCode());
      // the caller learns the id of its exchange even when it sent none: the answer carries it
      String messageId = messageId(headers);
      HttpResponse<byte[]> response = call(target, headers, messageId, JsonXml.inputs(body));
      // from here on the REST front has recorded the exchange: a failure must not record it twice
      return recorded(messageId, () -> {
        SOAPMessage reply = reply(request, headers, messageId);
        Element wrapper = element(reply, NAMESPACE, "hub:" + service.serviceCode() + "Response");
        JsonXml.append(wrapper.getOwnerDocument(), wrapper, NAMESPACE, answer(response, messageId),
            target.operation() == null ? Map.of() : target.operation().schema());
        return reply;
      });
    } catch (SOAPException e) {
      throw new SoapRefusal(ProblemType.INTERNAL_ERROR, (ProblemText) null);
    }
  }

  /**
   * {@code listMethods}, {@code allowedMethods} and {@code getWsdl} as X-Road security servers answer them (PR-META),
   * each from its REST directory service for the same provider: the services as X-Road identifiers, and a
   * service's WSDL as a SOAP attachment.
   */
  private SOAPMessage metaService(SOAPMessage request, XRoadSoapHeaders headers, ServiceId service, MetaService meta)
      throws SOAPException {
    Element body = requestElement(request.getSOAPBody(), XRoadSoapHeaders.XROAD, meta.code());
    checkSoapAction(requestHeader("SOAPAction"), meta.code());
    String path = "/r1/" + service.provider() + "/" + meta.restDirectoryService();
    String serviceCode = null;
    String serviceVersion = null;
    if (meta == MetaService.GET_WSDL) {
      ObjectNode inputs = JsonXml.inputs(body);
      serviceCode = pathInput(inputs, "serviceCode");
      serviceVersion = inputs.path("serviceVersion").asString(null);
      path += "?serviceCode=" + URLEncoder.encode(serviceCode, StandardCharsets.UTF_8);
    }
    String messageId = messageId(headers);
    HttpResponse<byte[]> response = send("GET", path, headers, messageId, null);
    String code = serviceCode;
    String version = serviceVersion;
    return recorded(messageId, () -> {
      JsonNode answer = answer(response, messageId);
      SOAPMessage reply = reply(request, headers, messageId);
      Element wrapper = element(reply, XRoadSoapHeaders.XROAD, "xrd:" + meta.code() + "Response");
      if (meta == MetaService.GET_WSDL) {
        MetaServiceAnswers.wsdl(reply, wrapper, code, version, catalog.services().stream()
            .filter(s -> s.service().provider().equals(service.provider()) && s.service().serviceCode().equals(code))
            .toList());
      } else {
        MetaServiceAnswers.methods(wrapper, answer);
      }
      return reply;
    });
  }

  /** An answer written after the REST front recorded the exchange: a failure here must not record it twice. */
  private SOAPMessage recorded(String messageId, AnswerWriter writer) {
    try {
      SOAPMessage reply = writer.write();
      reply.saveChanges();
      return reply;
    } catch (RecordedFault e) {
      throw e;
    } catch (SOAPException | IOException | RuntimeException e) {
      throw recordedFault(ProblemType.INTERNAL_ERROR, null, messageId);
    }
  }

  @FunctionalInterface
  private interface AnswerWriter {
    SOAPMessage write() throws SOAPException, IOException;
  }

  /** The REST front's answer; a refusal or failure there is the caller's fault, already recorded. */
  private JsonNode answer(HttpResponse<byte[]> response, String messageId) throws IOException {
    JsonNode answer = json.readTree(response.body());
    if (response.statusCode() != 200) {
      // the REST front wrote the detail in the caller's language already (Accept-Language forwarded)
      throw recordedFault(problemType(answer), answer.path("detail").asString(null), answer.path("xRoadId").asString(messageId));
    }
    return answer;
  }

  /** A reply that echoes the request's X-Road headers, with the exchange's id. */
  private static SOAPMessage reply(SOAPMessage request, XRoadSoapHeaders headers, String messageId) throws SOAPException {
    SOAPMessage reply = MessageFactory.newInstance().createMessage();
    headers.echoInto(reply.getSOAPHeader(), request.getSOAPHeader(), messageId);
    return reply;
  }

  /** The reply's body element. */
  private static Element element(SOAPMessage reply, String namespace, String qualifiedName) throws SOAPException {
    SOAPBody body = reply.getSOAPBody();
    Element element = body.getOwnerDocument().createElementNS(namespace, qualifiedName);
    body.appendChild(element);
    return element;
  }

  private static String messageId(XRoadSoapHeaders headers) {
    return headers.id() != null ? headers.id() : UUID.randomUUID().toString();
  }

  private static ServiceId serviceId(String serviceHeader) {
    if (serviceHeader == null) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, "soap.service-header.required");
    }
    try {
      return ServiceId.parse(serviceHeader);
    } catch (IllegalArgumentException e) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, "soap.service-header.malformed");
    }
  }

  private PublishedService target(ServiceId service) {
    return catalog.services().stream()
        .filter(s -> s.service().equals(service))
        .findFirst()
        .orElseThrow(() -> new SoapRefusal(ProblemType.UNKNOWN_SERVICE, ProblemText.of("service.no-such", service.toString())));
  }

  /**
   * The body's request element, which must name the operation of the service header: a body
   * written for another operation is refused rather than served as the header's service.
   */
  private static Element requestElement(SOAPBody body, String namespace, String operation) {
    Element element = firstElement(body);
    if (element == null) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, "soap.body.no-element");
    }
    if (!namespace.equals(element.getNamespaceURI()) || !operation.equals(element.getLocalName())) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, ProblemText.of("soap.body.wrong-element", namespace, operation));
    }
    return element;
  }

  /**
   * A {@code SOAPAction} the caller sends (none, or {@code ""}, is allowed, as SOAP 1.1 lets it be) must be the
   * operation's, as the WSDL declares it: body, action and service header name one operation.
   */
  private static void checkSoapAction(String sent, String operation) {
    String action = sent == null ? "" : sent.strip();
    if (action.length() >= 2 && action.startsWith("\"") && action.endsWith("\"")) {
      action = action.substring(1, action.length() - 1);
    }
    String expected = HubWsdl.soapAction(operation);
    if (!action.isEmpty() && !action.equals(expected)) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, ProblemText.of("soap.action.wrong", expected));
    }
  }

  private HttpResponse<byte[]> call(PublishedService target, XRoadSoapHeaders headers, String messageId, ObjectNode inputs) {
    Map<String, String> pathInputs = new LinkedHashMap<>();
    for (String name : new UriTemplate(target.path()).getVariableNames()) {
      pathInputs.put(name, pathInput(inputs, name));
      inputs.remove(name);
    }
    String path = "/r1/" + target.service()
        + UriComponentsBuilder.fromPath(target.path()).encode().buildAndExpand(pathInputs).toUriString();
    byte[] body = "POST".equals(target.method()) ? inputs.toString().getBytes(StandardCharsets.UTF_8) : null;
    return send(target.method(), path, headers, messageId, body);
  }

  /** An input that goes into the REST path or query: required, and short, since the exchange record keeps it whole. */
  private static String pathInput(ObjectNode inputs, String name) {
    JsonNode value = inputs.get(name);
    if (value == null) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, ProblemText.of("soap.body.input-required", name));
    }
    if (value.asString("").length() > MAX_PATH_INPUT) {
      throw new SoapRefusal(ProblemType.INVALID_REQUEST, ProblemText.of("soap.body.input-too-long", name, MAX_PATH_INPUT));
    }
    return value.asString("");
  }

  /** The call as an X-Road REST exchange through the hub's own front door, with the caller's token and headers. */
  private HttpResponse<byte[]> send(String method, String path, XRoadSoapHeaders headers, String messageId, byte[] body) {
    Map<String, String> http = LoopbackClient.forwarded(requestHeader("Authorization"), headers.client(), messageId,
        headers.userId(), headers.issue());
    http.put(CallerLanguage.HEADER, language().toLanguageTag());
    // the REST exchange behind the SOAP call continues the caller's trace (a header left out if it sent none)
    http.put(TraceContext.HEADER, requestHeader(TraceContext.HEADER));
    try {
      return loopback.send(method, path, http, body, TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConnectException) {
        throw new SoapRefusal(ProblemType.INTERNAL_ERROR, (ProblemText) null); // the REST front never saw it: recorded here
      }
      throw recordedFault(ProblemType.INTERNAL_ERROR, null, messageId);
    } catch (TimeoutException e) {
      throw recordedFault(ProblemType.INTERNAL_ERROR, null, messageId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw recordedFault(ProblemType.INTERNAL_ERROR, null, messageId);
    }
  }

  private RecordedFault recordedFault(ProblemType type, String renderedDetail, String messageId) {
    return new RecordedFault(problems.soapFault(type, renderedDetail, messageId, language()));
  }

  private Locale language() {
    return CallerLanguage.of(requestHeader(CallerLanguage.HEADER));
  }

  private String requestHeader(String name) {
    Object headers = context.getMessageContext().get(MessageContext.HTTP_REQUEST_HEADERS);
    if (headers instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (name.equalsIgnoreCase(String.valueOf(e.getKey())) && e.getValue() instanceof List<?> values
            && !values.isEmpty()) {
          return String.valueOf(values.get(0));
        }
      }
    }
    return null;
  }

  private static ProblemType problemType(JsonNode problem) {
    return problemType(problem.path("type").asString(""));
  }

  /** The problem type of this code; an unknown code is the hub's own failure. */
  static ProblemType problemType(String code) {
    for (ProblemType type : ProblemType.values()) {
      if (type.code().equals(code)) {
        return type;
      }
    }
    return ProblemType.INTERNAL_ERROR;
  }

  /**
   * A fault of an exchange that the REST front answered, and so already recorded: the SOAP
   * front's own refusal log ({@link SoapRefusalRecorder}) leaves it alone.
   */
  static final class RecordedFault extends SOAPFaultException {
    private static final long serialVersionUID = 1L;

    RecordedFault(SOAPFaultException fault) {
      super(fault.getFault());
    }
  }

  private static Element firstElement(SOAPBody body) {
    for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }
}
