package vn.lgsp.hub.publishing;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.wsdl.Binding;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Message;
import javax.wsdl.Part;
import javax.wsdl.Port;
import javax.wsdl.WSDLException;
import javax.wsdl.extensions.schema.Schema;
import javax.wsdl.extensions.soap.SOAPBinding;
import javax.wsdl.extensions.soap.SOAPOperation;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSequenceMember;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;
import org.w3c.dom.Document;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.protocol.ServiceId;

/**
 * Turns a provider's WSDL 1.1 (document/literal, SOAP 1.1) and its choice of operations into a draft, as
 * {@link OpenApiImport} does for OpenAPI: the SOAP connector descriptor and the routes. The document is read
 * with CXF's hardened XML reader (no DTD, bounded) and must be whole: an import or include is refused, the
 * hub fetches nothing. Each chosen operation becomes {@code POST /r1/<provider>/<serviceCode>/<version>/<operation>}
 * whose JSON body carries the request element's simple children; the answer is the response element's
 * content (or its one complex child's, as registers wrap their record), its schema read from the WSDL's types.
 */
final class WsdlImport {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String XSD = "http://www.w3.org/2001/XMLSchema";
  private static final int MAX_DEPTH = 8;
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);
  private static final Set<String> SAFE_VERBS = Set.of("get", "find", "verify", "check", "search", "list", "lookup");

  /** The parts of a WSDL a refusal names. */
  private static final String DEFINITIONS = "definitions";
  private static final String TYPES = "types";

  private final XmlSchemaCollection schemas;

  private WsdlImport(XmlSchemaCollection schemas) {
    this.schemas = schemas;
  }

  static OpenApiImport.Draft draft(OpenApiImport.Submission s) {
    Document document = read(s.wsdl());
    Definition definition = definition(document);
    WsdlImport types = new WsdlImport(schemas(definition));
    Port port = soapPort(definition);
    Binding binding = port.getBinding();
    ServiceId service = ServiceId.parse(s.provider() + "/" + s.serviceCode());
    String connectorId = OpenApiImport.connectorId(s);
    Map<String, Object> operations = new LinkedHashMap<>();
    List<Map<String, Object>> routes = new ArrayList<>();
    List<String> routeIds = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String name : s.operations()) {
      BindingOperation operation = binding.getBindingOperation(name, null, null);
      if (operation == null) {
        throw OpenApiImport.invalid("publishing.no-operation", name);
      }
      String kebab = OpenApiImport.kebab(name);
      String routeId = s.operations().size() == 1 ? s.serviceCode() + "-" + s.version()
          : s.serviceCode() + "-" + s.version() + "-" + kebab;
      String hubPath = "/r1/" + service + "/" + s.version() + "/" + kebab;
      operations.put(name, types.operation(operation, s));
      routes.add(OpenApiImport.route(routeId, hubPath, "POST", connectorId + "/" + name));
      routeIds.add(routeId);
      paths.add("POST " + hubPath);
    }
    QName serviceName = ((javax.wsdl.Service) definition.getAllServices().values().stream()
        .filter(candidate -> ((javax.wsdl.Service) candidate).getPorts().containsValue(port)).findFirst().orElseThrow())
        .getQName();
    Map<String, Object> soap = new LinkedHashMap<>();
    soap.put("wsdl", connectorId + ".wsdl");
    soap.put("namespace", serviceName.getNamespaceURI());
    soap.put("service", serviceName.getLocalPart());
    soap.put("port", port.getName());
    soap.put("address", s.backendUrl());
    Map<String, Object> descriptor = OpenApiImport.descriptor(connectorId, s,
        definition.getQName() == null ? s.serviceCode() : definition.getQName().getLocalPart(), "soap");
    descriptor.put("soap", soap);
    descriptor.put("operations", operations);
    return new OpenApiImport.Draft(service, connectorId, routeIds, paths, YAML.writeValueAsString(descriptor),
        YAML.writeValueAsString(routes));
  }

  /** Checks that a WSDL is whole and reads as WSDL 1.1, as a draft would read it. */
  static void check(String text) {
    definition(read(text));
  }

  private static Document read(String text) {
    if (DOCTYPE.matcher(text).find()) {
      // the hardened reader would not expand it, but a WSDL has no use for one: refused, not ignored
      throw OpenApiImport.invalid("publishing.wsdl-unreadable");
    }
    Document document;
    try {
      document = StaxUtils.read(new StringReader(text));
    } catch (XMLStreamException | RuntimeException e) {
      throw OpenApiImport.invalid("publishing.wsdl-unreadable");
    }
    for (String outside : List.of("import", "include", "redefine")) {
      if (document.getElementsByTagNameNS("*", outside).getLength() > 0) {
        throw OpenApiImport.invalid("publishing.wsdl-import");
      }
    }
    return document;
  }

  private static Definition definition(Document document) {
    try {
      WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
      reader.setFeature("javax.wsdl.verbose", false);
      reader.setFeature("javax.wsdl.importDocuments", false);
      return reader.readWSDL(null, document);
    } catch (WSDLException e) {
      throw OpenApiImport.invalid("publishing.wsdl-invalid", e.getFaultCode());
    } catch (IllegalArgumentException e) {
      throw OpenApiImport.invalid("publishing.wsdl-invalid", DEFINITIONS);
    }
  }

  private static XmlSchemaCollection schemas(Definition definition) {
    XmlSchemaCollection schemas = new XmlSchemaCollection();
    if (definition.getTypes() != null) {
      for (Object element : definition.getTypes().getExtensibilityElements()) {
        if (element instanceof Schema schema) {
          try {
            schemas.read(schema.getElement());
          } catch (RuntimeException e) {
            throw OpenApiImport.invalid("publishing.wsdl-invalid", TYPES);
          }
        }
      }
    }
    return schemas;
  }

  /** The first port bound with SOAP 1.1 in document style: the one the hub calls. */
  private static Port soapPort(Definition definition) {
    for (Object service : definition.getAllServices().values()) {
      for (Object candidate : ((javax.wsdl.Service) service).getPorts().values()) {
        Port port = (Port) candidate;
        for (Object extension : port.getBinding().getExtensibilityElements()) {
          if (extension instanceof SOAPBinding soap) {
            if (!"document".equals(soap.getStyle() == null ? "document" : soap.getStyle())) {
              throw OpenApiImport.invalid("publishing.wsdl-style");
            }
            return port;
          }
        }
      }
    }
    throw OpenApiImport.invalid("publishing.wsdl-no-soap-port");
  }

  private Map<String, Object> operation(BindingOperation bound, OpenApiImport.Submission s) {
    String name = bound.getName();
    XmlSchemaElement request = element(bound.getOperation().getInput() == null ? null
        : bound.getOperation().getInput().getMessage(), name);
    XmlSchemaElement response = element(bound.getOperation().getOutput() == null ? null
        : bound.getOperation().getOutput().getMessage(), name);
    Map<String, String> input = new LinkedHashMap<>();
    StringBuilder template = new StringBuilder("<").append(request.getName()).append(" xmlns=\"")
        .append(request.getQName().getNamespaceURI()).append("\">");
    for (XmlSchemaElement child : children(request)) {
      if (!(type(child) instanceof XmlSchemaSimpleType) && !isXsd(child.getSchemaTypeName())) {
        throw OpenApiImport.invalid("publishing.wsdl-nested-input", name, child.getName());
      }
      input.put(child.getName(), inputType(child));
      template.append('<').append(child.getName()).append(">{").append(child.getName()).append("}</")
          .append(child.getName()).append('>');
    }
    if (input.isEmpty()) {
      throw OpenApiImport.invalid("publishing.no-input", name);
    }
    template.append("</").append(request.getName()).append('>');

    // a register wraps its record in one child (GetCitizenInfoResponse/citizen): the record is the answer
    List<XmlSchemaElement> answer = children(response);
    XmlSchemaElement record = answer.size() == 1 && type(answer.get(0)) instanceof XmlSchemaComplexType
        && answer.get(0).getMaxOccurs() <= 1 ? answer.get(0) : null;
    List<String> arrays = new ArrayList<>();
    List<String> booleans = new ArrayList<>();
    Map<String, Object> schema = objectSchema(record != null ? record : response, arrays, booleans, 0);
    Map<String, Object> mapping = new LinkedHashMap<>();
    if (record != null) {
      mapping.put("select", record.getName());
    }
    mapping.put("arrays", arrays);
    mapping.put("booleans", booleans);

    String soapAction = "";
    for (Object extension : bound.getExtensibilityElements()) {
      if (extension instanceof SOAPOperation soap && soap.getSoapActionURI() != null) {
        soapAction = soap.getSoapActionURI();
      }
    }
    Map<String, String> faults = new LinkedHashMap<>();
    for (Object fault : bound.getOperation().getFaults().values()) {
      Message message = ((javax.wsdl.Fault) fault).getMessage();
      XmlSchemaElement detail = message == null ? null : element(message, name);
      String lower = detail == null ? "" : detail.getName().toLowerCase(Locale.ROOT);
      if (lower.contains("notfound")) {
        faults.put(detail.getName(), "not-found");
      } else if (lower.contains("invalid")) {
        faults.put(detail.getName(), "invalid-request");
      }
    }
    String documentation = bound.getOperation().getDocumentationElement() == null ? null
        : bound.getOperation().getDocumentationElement().getTextContent().trim().replaceAll("\\s+", " ");
    String summary = documentation == null || documentation.isEmpty() ? name : documentation;
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("title", OpenApiImport.bilingual(s.title(), name));
    operation.put("description", OpenApiImport.bilingual(s.description(), summary));
    operation.put("idempotent", SAFE_VERBS.stream().anyMatch(verb -> name.toLowerCase(Locale.ROOT).startsWith(verb)));
    operation.put("soapAction", soapAction);
    operation.put("input", input);
    operation.put("request", template.toString());
    operation.put("response", mapping);
    operation.put("faults", faults);
    operation.put("schema", schema);
    return operation;
  }

  /** The element of a document/literal message: its one part names it. */
  private XmlSchemaElement element(Message message, String operation) {
    if (message == null || message.getParts().size() != 1) {
      throw OpenApiImport.invalid("publishing.wsdl-message", operation);
    }
    Part part = (Part) message.getParts().values().iterator().next();
    XmlSchemaElement element = part.getElementName() == null ? null : schemas.getElementByQName(part.getElementName());
    if (element == null) {
      throw OpenApiImport.invalid("publishing.wsdl-message", operation);
    }
    return element;
  }

  private XmlSchemaType type(XmlSchemaElement element) {
    XmlSchemaElement target = element.getRef().getTarget() != null ? element.getRef().getTarget() : element;
    if (target.getSchemaType() != null) {
      return target.getSchemaType();
    }
    return target.getSchemaTypeName() == null ? null : schemas.getTypeByQName(target.getSchemaTypeName());
  }

  /** The elements of a complex type's sequence; none for anything else. */
  private List<XmlSchemaElement> children(XmlSchemaElement element) {
    List<XmlSchemaElement> children = new ArrayList<>();
    if (type(element) instanceof XmlSchemaComplexType complex && complex.getParticle() instanceof XmlSchemaSequence sequence) {
      for (XmlSchemaSequenceMember member : sequence.getItems()) {
        if (member instanceof XmlSchemaElement child) {
          children.add(child.getRef().getTarget() != null ? child.getRef().getTarget() : child);
        }
      }
    }
    return children;
  }

  private Map<String, Object> objectSchema(XmlSchemaElement element, List<String> arrays, List<String> booleans,
      int depth) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (XmlSchemaElement child : children(element)) {
      Map<String, Object> schema = depth < MAX_DEPTH && type(child) instanceof XmlSchemaComplexType
          ? objectSchema(child, arrays, booleans, depth + 1) : simpleSchema(child, booleans);
      if (child.getMaxOccurs() > 1) {
        arrays.add(child.getName());
        schema = Map.of("type", "array", "items", schema);
      } else if (child.getMinOccurs() > 0) {
        required.add(child.getName());
      }
      properties.put(child.getName(), schema);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("properties", properties);
    return schema;
  }

  private Map<String, Object> simpleSchema(XmlSchemaElement element, List<String> booleans) {
    String base = xsdBase(element);
    return switch (base) {
      case "boolean" -> {
        booleans.add(element.getName());
        yield Map.of("type", "boolean");
      }
      case "date" -> Map.of("type", "string", "format", "date");
      case "dateTime" -> Map.of("type", "string", "format", "date-time");
      case "int", "integer", "long", "short", "byte", "nonNegativeInteger", "positiveInteger" -> Map.of("type", "integer");
      case "decimal", "double", "float" -> Map.of("type", "number");
      default -> Map.of("type", "string");
    };
  }

  /** The XML Schema built-in type an element's type is, or restricts. */
  private String xsdBase(XmlSchemaElement element) {
    QName name = element.getSchemaTypeName();
    XmlSchemaType type = type(element);
    for (int hops = 0; hops < MAX_DEPTH && !isXsd(name) && type instanceof XmlSchemaSimpleType simple
        && simple.getContent() instanceof XmlSchemaSimpleTypeRestriction restriction; hops++) {
      name = restriction.getBaseTypeName();
      type = name == null ? null : schemas.getTypeByQName(name);
    }
    return isXsd(name) ? name.getLocalPart() : "string";
  }

  private static boolean isXsd(QName name) {
    return name != null && XSD.equals(name.getNamespaceURI());
  }

  /** The hub's input type: a personal ID and a tax code by their conventional names, a date by its type. */
  private String inputType(XmlSchemaElement element) {
    return switch (element.getName()) {
      case "personalId" -> "personal-id";
      case "taxId" -> "tax-id";
      default -> xsdBase(element).equals("date") ? "date" : "text";
    };
  }
}
