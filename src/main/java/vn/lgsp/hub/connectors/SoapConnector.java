package vn.lgsp.hub.connectors;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.StringReader;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * A SOAP backend called through Apache CXF in payload mode against the backend's WSDL. Requests
 * are the descriptor's templates filled with XML-escaped inputs, answers are mapped by the
 * descriptor: no generated classes, so a new register needs no recompiling.
 */
final class SoapConnector implements Connector {

  private static final Logger log = LoggerFactory.getLogger(SoapConnector.class);
  private static final String MAX_XML_CHARACTERS = "org.apache.cxf.stax.maxXMLCharacters";

  private final ConnectorDescriptor descriptor;
  private final ResilienceFactory.Guard guard;
  private final Map<String, Dispatch<Source>> dispatches = new HashMap<>();
  private final Map<String, XmlToJson> mappers = new HashMap<>();

  private final SSLContext tls;

  SoapConnector(ConnectorDescriptor descriptor, URL wsdl, ResilienceFactory.Guard guard, SSLContext tls) {
    this.tls = tls;
    this.descriptor = descriptor;
    this.guard = guard;
    ConnectorDescriptor.Soap soap = descriptor.soap();
    Service service = Service.create(wsdl, new QName(soap.namespace(), soap.service()));
    QName port = new QName(soap.namespace(), soap.port());
    descriptor
        .operations()
        .forEach(
            (name, operation) -> {
              dispatches.put(name, dispatch(service, port, operation));
              mappers.put(name, new XmlToJson(operation.response()));
            });
  }

  private Dispatch<Source> dispatch(
      Service service, QName port, ConnectorDescriptor.Operation operation) {
    Dispatch<Source> dispatch = service.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
    Map<String, Object> context = dispatch.getRequestContext();
    context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, descriptor.soap().address());
    // from here on each thread has its own copy of this context, seeded with the settings above
    context.put("thread.local.request.context", "true");
    if (operation.soapAction() != null) {
      context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
      context.put(BindingProvider.SOAPACTION_URI_PROPERTY, operation.soapAction());
    }
    Client client = ((DispatchImpl<?>) dispatch).getClient();
    HTTPConduit conduit = (HTTPConduit) client.getConduit();
    HTTPClientPolicy policy = new HTTPClientPolicy();
    policy.setConnectionTimeout(descriptor.timeouts().connect().toMillis());
    policy.setReceiveTimeout(descriptor.timeouts().read().toMillis());
    policy.setAllowChunking(false);
    conduit.setClient(policy);
    long limit = descriptor.maxResponseSize().toBytes();
    ResponseSizeLimit sizeLimit = new ResponseSizeLimit(limit);
    client.getInInterceptors().add(sizeLimit);
    client.getInFaultInterceptors().add(sizeLimit);
    // the hub-wide cap on XML characters is for the SOAP front's requests; this register's answers
    // have their own limit, in bytes (never fewer than characters), which then always stops first
    client.getEndpoint().put(MAX_XML_CHARACTERS, limit);
    if (tls != null) {
      TLSClientParameters parameters = new TLSClientParameters();
      parameters.setSslContext(tls);
      conduit.setTlsClientParameters(parameters);
    }
    return dispatch;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public JsonNode invoke(String operationName, Map<String, String> inputs, String consumer, String traceparent) {
    ConnectorDescriptor.Operation operation = descriptor.operations().get(operationName);
    String payload = RequestTemplate.render(operation.request(), inputs);
    try {
      return guard.call(consumer, operation.idempotent(), () -> call(operationName, operation, payload, traceparent));
    } catch (RuntimeException e) {
      throw ProviderFailures.classify(descriptor.id(), e);
    }
  }

  private JsonNode call(String name, ConnectorDescriptor.Operation operation, String payload, String traceparent) {
    Source answer;
    try {
      Dispatch<Source> dispatch = dispatches.get(name);
      // the request context is thread-local (see dispatch()): headers of one call stay with it
      Map<String, List<String>> httpHeaders = new HashMap<>();
      if (traceparent != null) {
        httpHeaders.put(TraceContext.HEADER, List.of(traceparent));
      }
      dispatch.getRequestContext().put(Message.PROTOCOL_HEADERS, httpHeaders);
      answer = dispatch.invoke(new StreamSource(new StringReader(payload)));
    } catch (RuntimeException e) {
      // CXF reports a cut answer as a Fault too: it is not the backend's SOAP fault
      if (isSoapFault(e) && !ProviderFailures.isTooLarge(e)) {
        throw mapFault(operation, e);
      }
      log.debug("{} call failed", descriptor.id(), e);
      throw ProviderFailures.classify(descriptor.id(), e);
    }
    JsonNode json;
    try {
      Document document = StaxUtils.read(answer);
      json = mappers.get(name).convert(document.getDocumentElement());
    } catch (XMLStreamException | RuntimeException e) {
      if (ProviderFailures.isTooLarge(e)) {
        throw ProviderFailures.classify(descriptor.id(), e);
      }
      log.debug("{} sent an unreadable answer", descriptor.id(), e);
      throw new HubProblemException(
          ProblemType.PROVIDER_FAULT, ProblemText.of("provider.unreadable", descriptor.id()), e);
    }
    if (json == null) {
      throw new HubProblemException(
          ProblemType.PROVIDER_FAULT, ProblemText.of("provider.no-data", descriptor.id()));
    }
    return json;
  }

  private HubProblemException mapFault(ConnectorDescriptor.Operation operation, RuntimeException e) {
    String detailName = detailElement(e);
    log.debug("{} answered with a fault; detail element {}", descriptor.id(), detailName);
    ConnectorDescriptor.FaultOutcome outcome =
        detailName == null ? null : operation.faults().get(detailName);
    if (outcome == ConnectorDescriptor.FaultOutcome.NOT_FOUND) {
      return new HubProblemException(ProblemType.NOT_FOUND, "provider.not-found");
    }
    if (outcome == ConnectorDescriptor.FaultOutcome.INVALID_REQUEST || isSenderFault(e)) {
      // the register blames the request: the caller's fault, never counted against the register
      return new HubProblemException(
          ProblemType.INVALID_REQUEST, "provider.refused-as-invalid");
    }
    return new HubProblemException(
        ProblemType.PROVIDER_FAULT, ProblemText.of("provider.soap-fault", descriptor.id()), e);
  }

  /** CXF reports a SOAP fault as SOAPFaultException or as its own Fault, depending on the path. */
  private static boolean isSoapFault(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SOAPFaultException || t instanceof Fault) {
        return true;
      }
    }
    return false;
  }

  /**
   * The register's own fault, read from its answer, whose code is SOAP 1.1 {@code Client} or SOAP
   * 1.2 {@code Sender}: the request was at fault. A fault CXF raises itself while reading an answer
   * (a DTD, broken XML) also says "sender" but has the parsing error as its cause: that one is the
   * register's failure.
   */
  private static boolean isSenderFault(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.apache.cxf.binding.soap.SoapFault fault) {
        String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
        return fault.getCause() == null && ("Client".equals(code) || "Sender".equals(code));
      }
    }
    return false;
  }

  /** The local name of the first element in the fault's detail, or null. */
  private static String detailElement(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Element detail = null;
      if (t instanceof SOAPFaultException soap && soap.getFault() != null) {
        detail = soap.getFault().getDetail();
      } else if (t instanceof Fault fault) {
        detail = fault.getDetail();
      }
      Element first = detail == null ? null : firstElement(detail);
      if (first != null) {
        return first.getLocalName();
      }
    }
    return null;
  }

  private static Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }
}
