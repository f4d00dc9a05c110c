package vn.lgsp.hub.publishing;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Turns a provider's OpenAPI 3 document and its choice of operations into a draft: the connector
 * descriptor and the routes, in the very forms of the files in {@code connectors/} and {@code routes/},
 * for review. The Swagger parser reads and checks the document; references must stay inside it (the hub
 * fetches nothing a document points to). Each chosen operation becomes a route at
 * {@code /r1/<provider>/<serviceCode>/<version><operation's path>}; its path parameters and its JSON
 * body's properties are the inputs; its 200 JSON answer's schema is the service's answer schema.
 */
final class OpenApiImport {

  /** A draft: what the operator reviews and the hub installs. */
  record Draft(ServiceId service, String connectorId, List<String> routeIds, List<String> paths, String descriptor,
      String routes) {}

  /** What the provider sends. */
  record Submission(SubsystemId provider, String serviceCode, String version, String openApi, String wsdl,
      String backendUrl, List<String> operations, Bilingual title, Bilingual description) {}

  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final int MAX_PROBLEMS_SHOWN = 3;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

  private OpenApiImport() {}

  /** @throws HubProblemException naming what is wrong, nothing of the document echoed beyond names */
  static Draft draft(Submission s) {
    OpenAPI api = parse(s.openApi());
    URI backend = URI.create(s.backendUrl());
    String basePath = basePath(api);
    ServiceId service = ServiceId.parse(s.provider() + "/" + s.serviceCode());
    String connectorId = connectorId(s);
    Map<String, Object> operations = new LinkedHashMap<>();
    List<Map<String, Object>> routes = new ArrayList<>();
    List<String> routeIds = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String operationId : s.operations()) {
      Found found = find(api, operationId);
      String name = kebab(operationId);
      String routeId = s.operations().size() == 1 ? s.serviceCode() + "-" + s.version()
          : s.serviceCode() + "-" + s.version() + "-" + name;
      String hubPath = "/r1/" + service + "/" + s.version() + found.path();
      operations.put(name, operation(found, basePath, s));
      routes.add(route(routeId, hubPath, found.method(), connectorId + "/" + name));
      routeIds.add(routeId);
      paths.add(found.method() + " " + hubPath);
    }
    Map<String, Object> descriptor = descriptor(connectorId, s,
        api.getInfo() == null ? s.serviceCode() : api.getInfo().getTitle(), "rest");
    descriptor.put("rest", Map.of("baseUrl", backend.toString()));
    descriptor.put("operations", operations);
    return new Draft(service, connectorId, routeIds, paths, YAML.writeValueAsString(descriptor),
        YAML.writeValueAsString(routes));
  }

  /** The connector's id: provider, service code and version, in the form of the files' ids. */
  static String connectorId(Submission s) {
    return (s.provider().memberCode() + "-" + s.provider().subsystem() + "-" + s.serviceCode() + "-" + s.version())
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /** The parts of a descriptor every published service shares: its resilience is the files' defaults. */
  static Map<String, Object> descriptor(String connectorId, Submission s, String title, String protocol) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("id", connectorId);
    descriptor.put("provider", s.provider().toString());
    descriptor.put("title", title);
    descriptor.put("protocol", protocol);
    descriptor.put("timeouts", Map.of("connect", "1s", "read", "5s"));
    descriptor.put("circuitBreaker", Map.of("failureRateThreshold", 50, "slidingWindowSize", 20, "minimumNumberOfCalls", 10,
        "waitInOpenState", "30s", "permittedCallsInHalfOpenState", 2));
    descriptor.put("retry", Map.of("maxAttempts", 2, "backoff", "100ms"));
    descriptor.put("bulkhead", Map.of("maxConcurrentCalls", 64, "maxWait", "50ms"));
    descriptor.put("maxResponseSize", "2MB");
    return descriptor;
  }

  private record Found(String path, String method, Operation operation, List<Parameter> parameters) {}

  private static OpenAPI parse(String text) {
    JsonNode raw;
    try {
      raw = YAML.readTree(text);
    } catch (JacksonException e) {
      throw invalid("publishing.openapi-unreadable");
    }
    if (raw == null || !raw.path("openapi").asString("").startsWith("3.")) {
      throw invalid("publishing.openapi-version");
    }
    if (usesAliases(text)) {
      // the Swagger parser expands YAML aliases without a bound (a billion laughs takes it minutes)
      throw invalid("publishing.openapi-alias");
    }
    for (JsonNode ref : raw.findValues("$ref")) {
      if (!ref.isString() || !ref.asString().startsWith("#/")) {
        throw invalid("publishing.openapi-remote-ref");
      }
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
      List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
      throw invalid("publishing.openapi-invalid",
          String.join("; ", messages.subList(0, Math.min(MAX_PROBLEMS_SHOWN, messages.size()))));
    }
    return result.getOpenAPI();
  }

  /** Whether a YAML document uses an alias ({@code *name}), read as events: nothing is expanded. */
  private static boolean usesAliases(String text) {
    try {
      for (Event event : new Parse(LoadSettings.builder().build()).parseString(text)) {
        if (event.getEventId() == Event.ID.Alias) {
          return true;
        }
      }
      return false;
    } catch (YamlEngineException e) {
      throw invalid("publishing.openapi-unreadable");
    }
  }

  /** The path of the first server's URL: the backend path the operations' paths are relative to. */
  private static String basePath(OpenAPI api) {
    if (api.getServers() == null || api.getServers().isEmpty() || api.getServers().get(0).getUrl() == null) {
      return "";
    }
    String path = URI.create(api.getServers().get(0).getUrl()).getPath();
    return path == null || path.equals("/") ? "" : path.replaceAll("/$", "");
  }

  private static Found find(OpenAPI api, String operationId) {
    if (api.getPaths() != null) {
      for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
        PathItem item = path.getValue();
        for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
          if (operationId.equals(op.getValue().getOperationId())) {
            String method = op.getKey().name();
            if (!method.equals("GET") && !method.equals("POST")) {
              throw invalid("publishing.method", operationId);
            }
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
              parameters.addAll(item.getParameters());
            }
            if (op.getValue().getParameters() != null) {
              parameters.addAll(op.getValue().getParameters());
            }
            if (!path.getKey().matches("(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9_]{0,40}}))+")) {
              throw invalid("publishing.path", operationId);
            }
            return new Found(path.getKey(), method, op.getValue(), parameters);
          }
        }
      }
    }
    throw invalid("publishing.no-operation", operationId);
  }

  private static Map<String, Object> operation(Found found, String basePath, Submission s) {
    Map<String, Object> input = new LinkedHashMap<>();
    for (Parameter parameter : found.parameters()) {
      if (!"path".equals(parameter.getIn())) {
        throw invalid("publishing.query-parameter", found.operation().getOperationId(),
            parameter.getName());
      }
      input.put(parameter.getName(), inputType(parameter.getName(), parameter.getSchema()));
    }
    boolean post = found.method().equals("POST");
    if (post) {
      Schema<?> body = jsonSchema(found.operation().getRequestBody() == null ? null
          : found.operation().getRequestBody().getContent());
      if (body == null || body.getProperties() == null || body.getProperties().isEmpty()) {
        throw invalid("publishing.no-body", found.operation().getOperationId());
      }
      body.getProperties().forEach((name, schema) -> input.put(name, inputType(name, schema)));
    }
    Set<String> placeholders = new TreeSet<>();
    Matcher names = PLACEHOLDER.matcher(found.path());
    while (names.find()) {
      placeholders.add(names.group(1));
    }
    Set<String> declared = new TreeSet<>();
    found.parameters().forEach(p -> declared.add(p.getName()));
    if (!placeholders.equals(declared)) {
      // the parser lets a document declare a path parameter its path does not have, and the reverse
      throw invalid("publishing.path-parameters", found.operation().getOperationId());
    }
    if (input.isEmpty()) {
      throw invalid("publishing.no-input", found.operation().getOperationId());
    }
    ApiResponse ok = found.operation().getResponses() == null ? null : found.operation().getResponses().get("200");
    Schema<?> answer = jsonSchema(ok == null ? null : ok.getContent());
    if (answer == null) {
      throw invalid("publishing.no-answer", found.operation().getOperationId());
    }
    Operation op = found.operation();
    String summary = op.getSummary() != null ? op.getSummary() : op.getOperationId();
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("title", bilingual(s.title(), summary));
    operation.put("description", bilingual(s.description(), op.getDescription() != null ? op.getDescription() : summary));
    operation.put("idempotent", !post);
    operation.put("method", found.method());
    operation.put("path", basePath + found.path());
    operation.put("input", input);
    if (post) {
      operation.put("request", "json");
    }
    operation.put("response", Map.of());
    Map<String, String> faults = new LinkedHashMap<>();
    if (op.getResponses().containsKey("404")) {
      faults.put("404", "not-found");
    }
    if (op.getResponses().containsKey("400")) {
      faults.put("400", "invalid-request");
    }
    operation.put("faults", faults);
    operation.put("schema", YAML.readValue(Json.pretty(answer), Map.class));
    return operation;
  }

  private static Schema<?> jsonSchema(Map<String, MediaType> content) {
    if (content == null) {
      return null;
    }
    MediaType json = content.get("application/json");
    return json == null ? null : json.getSchema();
  }

  /** The hub's input type for a parameter: by its conventional name, else by its schema. */
  private static String inputType(String name, Schema<?> schema) {
    if (name.equals("personalId")) {
      return "personal-id";
    }
    if (name.equals("taxId")) {
      return "tax-id";
    }
    if (schema != null && "date".equals(schema.getFormat())) {
      return "date";
    }
    return "text";
  }

  static Map<String, String> bilingual(Bilingual given, String fallback) {
    return given != null ? Map.of("vi", given.vi(), "en", given.en()) : Map.of("vi", fallback, "en", fallback);
  }

  static Map<String, Object> route(String id, String path, String method, String connectorTarget) {
    Map<String, Object> from = new LinkedHashMap<>();
    from.put("uri", "platform-http:" + path);
    from.put("parameters", Map.of("httpMethodRestrict", method));
    from.put("steps", List.of(Map.of("to", "connector:" + connectorTarget)));
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("id", id);
    route.put("routeConfigurationId", "xroad-service");
    route.put("from", from);
    return Map.of("route", route);
  }

  static String kebab(String operationId) {
    String kebab = operationId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (kebab.isEmpty()) {
      throw invalid("publishing.no-operation", operationId);
    }
    return kebab;
  }

  static HubProblemException invalid(String key, Object... args) {
    return new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of(key, args));
  }
}
