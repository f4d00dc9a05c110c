package vn.lgsp.hub.directory;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.connectors.ConnectorDescriptor;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.Bilingual.Language;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.catalog.PublishedService;

/**
 * Writes the OpenAPI 3 document of one service from what the hub knows of it: the route's method
 * and path, the connector operation's inputs and answer schema, the X-Road headers and the
 * problem responses. Generated, so it cannot drift from what the hub does.
 */
@Component
public class OpenApiWriter {

  private static final Bilingual CANONICAL_ANSWER = new Bilingual("Câu trả lời ở dạng chuẩn", "The canonical answer");
  private static final Bilingual PROBLEM_TYPE =
      new Bilingual("mã lỗi ổn định, lặp lại trong tiêu đề X-Road-Error", "stable problem code, also in X-Road-Error");

  private final ObjectMapper json;
  private final AccessPolicy access;

  public OpenApiWriter(ObjectMapper json, AccessPolicy access) {
    this.json = json;
    this.access = access;
  }

  /**
   * The document in one language, the caller's: OpenAPI has no place for a translation, and the
   * fields every tool shows (Swagger UI, Redoc, code generators' comments) are {@code info.title},
   * {@code info.description} and each operation's {@code summary} and {@code description}. What
   * tools match on stays the same in both: paths, {@code operationId}, schemas, and the service id
   * in {@code info.x-service}.
   */
  public ObjectNode document(List<PublishedService> endpoints, Language language) {
    PublishedService first = endpoints.get(0);
    ServiceId service = first.service();
    ObjectNode doc = json.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", first.title().in(language));
    info.put("description", first.description().in(language));
    info.put("version", "1");
    info.put("x-service", service.toString());
    doc.putArray("servers").addObject().put("url", "/r1/" + service.provider());
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    schemas.set("Problem", problemSchema(language));
    for (PublishedService endpoint : endpoints) {
      String schemaName = schemaName(endpoint);
      String path = "/" + service.serviceCode() + endpoint.path();
      ObjectNode pathItem = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
      ObjectNode operation = pathItem.putObject(endpoint.method().toLowerCase(Locale.ROOT));
      operation.put("operationId", endpoint.routeId());
      operation.put("summary", endpoint.title().in(language));
      operation.put("description", endpoint.description().in(language));
      ArrayNode parameters = operation.putArray("parameters");
      for (String name : new UriTemplate(endpoint.path()).getVariableNames()) {
        parameter(parameters, name, "path", true, inputType(endpoint, name));
      }
      parameter(parameters, XRoadHeaders.CLIENT, "header", true, null);
      parameter(parameters, XRoadHeaders.ISSUE, "header", access.requiresPurpose(service), null);
      parameter(parameters, XRoadHeaders.ID, "header", false, null);
      parameter(parameters, XRoadHeaders.USER_ID, "header", false, null);
      if ("POST".equals(endpoint.method()) && endpoint.operation() != null) {
        operation.putObject("requestBody").put("required", true).putObject("content")
            .putObject("application/json").set("schema", requestSchema(endpoint.operation()));
      }
      ObjectNode responses = operation.putObject("responses");
      ObjectNode ok = responses.putObject("200");
      ok.put("description", CANONICAL_ANSWER.in(language));
      ok.putObject("content").putObject("application/json").putObject("schema")
          .put("$ref", "#/components/schemas/" + schemaName);
      schemas.set(
          schemaName,
          endpoint.operation() == null ? json.createObjectNode().put("type", "object") : json.valueToTree(endpoint.operation().schema()));
      for (int status : new int[] {400, 401, 403, 404, 503, 504}) {
        ObjectNode problem = responses.putObject(Integer.toString(status));
        problem.put("description", describe(status));
        problem.putObject("content").putObject("application/problem+json").putObject("schema")
            .put("$ref", "#/components/schemas/Problem");
      }
    }
    return doc;
  }

  private static String schemaName(PublishedService endpoint) {
    StringBuilder name = new StringBuilder();
    for (String part : endpoint.routeId().split("-")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.append("Answer").toString();
  }

  private static ConnectorDescriptor.InputType inputType(PublishedService endpoint, String name) {
    return endpoint.operation() == null ? null : endpoint.operation().input().get(name);
  }

  private void parameter(ArrayNode parameters, String name, String in, boolean required, ConnectorDescriptor.InputType type) {
    ObjectNode p = parameters.addObject();
    p.put("name", name);
    p.put("in", in);
    p.put("required", required);
    p.set("schema", typeSchema(type));
  }

  private ObjectNode requestSchema(ConnectorDescriptor.Operation operation) {
    ObjectNode schema = json.createObjectNode().put("type", "object");
    ArrayNode required = schema.putArray("required");
    ObjectNode properties = schema.putObject("properties");
    operation.input().forEach(
        (name, type) -> {
          required.add(name);
          properties.set(name, typeSchema(type));
        });
    return schema;
  }

  private ObjectNode typeSchema(ConnectorDescriptor.InputType type) {
    ObjectNode schema = json.createObjectNode().put("type", "string");
    if (type == null) {
      return schema;
    }
    switch (type) {
      case PERSONAL_ID -> schema.put("pattern", "^[0-9]{12}$");
      case TAX_ID -> schema.put("pattern", "^([0-9]{12}|[0-9]{10}(-?[0-9]{3})?)$");
      case DATE -> schema.put("format", "date");
      case CODE -> schema.put("pattern", "^[A-Za-z0-9]{1,34}$");
      case TEXT -> schema.put("maxLength", 200);
    }
    return schema;
  }

  private ObjectNode problemSchema(Language language) {
    ObjectNode schema = json.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("type").put("type", "string").put("description", PROBLEM_TYPE.in(language));
    properties.putObject("title").put("type", "string");
    properties.putObject("status").put("type", "integer");
    properties.putObject("detail").put("type", "string");
    properties.putObject("xRoadId").put("type", "string");
    schema.putArray("required").add("type").add("status");
    return schema;
  }

  private static String describe(int status) {
    StringBuilder codes = new StringBuilder();
    for (ProblemType type : ProblemType.values()) {
      if (type.status() == status) {
        codes.append(codes.length() == 0 ? "" : ", ").append(type.code());
      }
    }
    return codes.toString();
  }
}
