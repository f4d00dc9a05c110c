package vn.lgsp.hub.rights;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.AdminActionRecorder;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.ops.ApiCallers;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * The GovStack IM Configuration Management API on the hub's own model: the allow list is the rights in
 * force; {@code PATCH /api/v1/rights/allow} and {@code /deny} are changes like any other (a version,
 * live at once, an action in the chain). A client with scope {@code write:rights} changes the rights to
 * its own member's services only; an operator to any. Where the spec contradicts itself (an
 * {@code AllowedApplication} requires {@code member} and {@code application} but defines
 * {@code memberClass}, {@code memberCode}, {@code applicationId}), both forms are accepted.
 */
@RestController
public class GovStackConfigurationController {

  /** Marks a right given through this API: it is not the configuration's, so a file import keeps it. */
  static final String GRANTED_THROUGH_API = "govstack-im";

  private static final int DEFAULT_PAGE = 100;
  private static final ObjectMapper IM_CONF = YAMLMapper.builder().build();

  private final AccessPolicy policy;
  private final AccessRightsStore store;
  private final ServiceCatalog catalog;
  private final Map<String, String> memberNames;

  public GovStackConfigurationController(AccessPolicy policy, AccessRightsStore store, ServiceCatalog catalog,
      AccessProperties properties) {
    this.policy = policy;
    this.store = store;
    this.catalog = catalog;
    this.memberNames = properties.memberNames();
  }

  /** {@code checkIMconf}: the hub is configured and serving, with the rights version in force. */
  @GetMapping("/api/v1/status")
  public Map<String, Object> status() {
    return Map.of("status", "UP", "rightsVersion", policy.version(), "services", catalog.titles().size());
  }

  /** {@code listIMconf}: members, their applications (subsystems), services and the rights to each. */
  @GetMapping("/api/v1/config")
  public Map<String, Object> config(HttpServletRequest http, Authentication caller) {
    Map<String, Map<String, Map<String, Object>>> members = new TreeMap<>();
    String base = http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort();
    Map<String, List<Map<String, Object>>> rights = allowedByService(isOperator(caller));
    String instance = instance();
    for (PublishedService service : catalog.services()) {
      SubsystemId provider = service.service().provider();
      Map<String, Object> application = members.computeIfAbsent(provider.memberClass() + "/" + provider.memberCode(),
          m -> new TreeMap<>()).computeIfAbsent(provider.subsystem(), a -> new LinkedHashMap<>(Map.of("id", a,
              "connection", "https", "services", new ArrayList<Map<String, Object>>())));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> services = (List<Map<String, Object>>) application.get("services");
      if (services.stream().noneMatch(s -> s.get("id").equals(service.service().serviceCode()))) {
        services.add(Map.of("id", service.service().serviceCode(),
            "specUrl", base + "/r1/" + provider + "/getOpenAPI?serviceCode=" + service.service().serviceCode(),
            "serviceUrl", base + "/r1/" + service.service(),
            "rights", rights.getOrDefault(service.service().toString(), List.of())));
      }
    }
    List<Map<String, Object>> memberList = new ArrayList<>();
    members.forEach((member, applications) -> {
      String[] classAndCode = member.split("/", 2);
      String name = memberNames.getOrDefault(instance + "/" + member, member);
      memberList.add(Map.of("name", name, "class", classAndCode[0], "code", classAndCode[1],
          "applications", List.copyOf(applications.values())));
    });
    return Map.of("domain", http.getServerName(), "instance", instance, "members", memberList);
  }

  /** {@code getAllowed}: the allow list, paged by (service, application) pairs as the spec describes. */
  @GetMapping("/api/v1/rights/allow")
  public Map<String, Object> allowed(@RequestParam Map<String, String> params, Authentication caller) {
    LogFilters.refuseUnknown(params, Set.of("memberClass", "memberCode", "applicationId", "serviceId", "pageSize",
        "nextPageToken"));
    int pageSize = params.containsKey("pageSize") ? LogFilters.integer("pageSize", params.get("pageSize"), 1, 1000)
        : DEFAULT_PAGE;
    int offset = params.containsKey("nextPageToken") ? offset(params.get("nextPageToken")) : 0;
    Map<String, List<Map<String, Object>>> byService = allowedByService(isOperator(caller));
    List<Map<String, Object>> page = new ArrayList<>();
    int position = 0;
    int taken = 0;
    for (Map.Entry<String, List<Map<String, Object>>> entry : byService.entrySet()) {
      ServiceId service = ServiceId.parse(entry.getKey());
      SubsystemId provider = service.provider();
      if (!matches(params, "memberClass", provider.memberClass()) || !matches(params, "memberCode", provider.memberCode())
          || !matches(params, "applicationId", provider.subsystem())
          || !matches(params, "serviceId", service.serviceCode())) {
        continue;
      }
      List<Map<String, Object>> apps = new ArrayList<>();
      for (Map<String, Object> app : entry.getValue()) {
        if (position++ >= offset && taken < pageSize) {
          apps.add(app);
          taken++;
        }
      }
      if (!apps.isEmpty()) {
        page.add(Map.of("memberClass", provider.memberClass(), "memberCode", provider.memberCode(), "applicationId",
            provider.subsystem(), "serviceId", service.serviceCode(), "rights", apps));
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("allowList", page);
    if (position > offset + taken) {
      answer.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("offset:" + (offset + taken)).getBytes(StandardCharsets.UTF_8)));
    }
    return answer;
  }

  /** {@code setAllowed}: each listed application gets the whole answer of each listed service, as one change. */
  @AdminAction("rights.allow")
  @PatchMapping(value = "/api/v1/rights/allow", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> allow(@RequestBody JsonNode body, HttpServletRequest http, Authentication caller) {
    return change(body, http, caller, true);
  }

  /** {@code setDenied}: each listed application loses its right to each listed service, as one change. */
  @AdminAction("rights.deny")
  @PatchMapping(value = "/api/v1/rights/deny", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> deny(@RequestBody JsonNode body, HttpServletRequest http, Authentication caller) {
    return change(body, http, caller, false);
  }

  private Map<String, Object> change(JsonNode body, HttpServletRequest http, Authentication caller, boolean allow) {
    if (body == null || !body.isArray() || body.isEmpty() || body.size() > 1000) {
      throw ApiBodies.invalid("ServiceAccessRights");
    }
    String instance = instance();
    Set<ServiceId> published = publishedServices();
    Map<String, List<String>> consumersByService = new LinkedHashMap<>();
    for (JsonNode entry : body) {
      ApiBodies.refuseUnknown(entry, "memberClass", "memberCode", "applicationId", "serviceId", "rights");
      ServiceId service = service(published, instance, entry.get("memberClass"), entry.get("memberCode"), entry.get("applicationId"),
          entry.get("serviceId"));
      consumersByService.put(service.toString(), applications(instance, entry.get("rights")));
    }
    AccessRightsStore.Change change = apply(consumersByService, allow ? Mode.ALLOW : Mode.DENY, caller, http);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", change.version() == null ? policy.version() : change.version().version());
    answer.put("changes", change.diff());
    return answer;
  }

  /** How a change treats the rights it lists. */
  private enum Mode {
    /** the listed applications get a right to each listed service */
    ALLOW,
    /** the listed applications lose their right to each listed service */
    DENY,
    /** the listed rights become all the rights to the services in the caller's reach ("not described parts are deleted") */
    REPLACE
  }

  /** One change of the rights: a version, live at once; a client with a token reaches its own member's services only. */
  private AccessRightsStore.Change apply(Map<String, List<String>> consumersByService, Mode mode, Authentication caller,
      HttpServletRequest http) {
    boolean operator = isOperator(caller);
    String member = operator ? null : ApiCallers.member(subsystem(caller));
    Predicate<String> inReach = service -> operator
        || ApiCallers.member(ServiceId.parse(service).provider()).equals(member);
    for (String service : consumersByService.keySet()) {
      if (!inReach.test(service)) {
        throw new HubProblemException(ProblemType.ACCESS_DENIED, "publishing.not-your-member");
      }
    }
    http.setAttribute(AdminActionRecorder.SERVICE, String.join(" ", consumersByService.keySet()));
    http.setAttribute(AdminActionRecorder.REASON, mode.name().toLowerCase(Locale.ROOT) + " " + consumersByService);
    return store.change(caller.getName(), mode.name().toLowerCase(Locale.ROOT) + " through the GovStack IM API",
        GRANTED_THROUGH_API, false, current -> {
          List<ClientGrants> next = current;
          if (mode == Mode.REPLACE) {
            for (ClientGrants client : current) {
              for (ServiceGrant grant : client.services()) {
                boolean listed = consumersByService.getOrDefault(grant.service(), List.of()).contains(client.client());
                if (inReach.test(grant.service()) && !listed) {
                  next = RightsDocuments.withRight(next, client.client(), grant.service(), null);
                }
              }
            }
          }
          for (Map.Entry<String, List<String>> entry : consumersByService.entrySet()) {
            for (String consumer : entry.getValue()) {
              List<ClientGrants> now = next;
              boolean holds = now.stream().anyMatch(c -> c.client().equals(consumer)
                  && c.services().stream().anyMatch(s -> s.service().equals(entry.getKey())));
              if (mode != Mode.DENY && !holds) {
                next = RightsDocuments.withRight(next, consumer, entry.getKey(),
                    new ServiceGrant(entry.getKey(), List.of(), null, null, GRANTED_THROUGH_API));
              } else if (mode == Mode.DENY && holds) {
                next = RightsDocuments.withRight(next, consumer, entry.getKey(), null);
              }
            }
          }
          return next;
        });
  }

  /**
   * {@code createIMconf} ({@code POST}, {@code init} accepted: the hub has no central servers to create),
   * {@code replaceIMconf} ({@code PUT}) and {@code updateIMconf} ({@code PATCH}), in JSON or YAML. Each
   * described service must be published already (through {@code /api/v1/services}: the hub fetches no
   * {@code specUrl}); its {@code rights} are applied. A replacement also removes every right to the
   * services in the caller's reach that it does not describe.
   */
  @AdminAction("config.create")
  @PostMapping(value = "/api/v1/config", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/yaml", "application/yaml"})
  @ResponseStatus(HttpStatus.CREATED)
  public String create(@RequestBody String body, @RequestParam Map<String, String> params, HttpServletRequest http,
      Authentication caller) {
    LogFilters.refuseUnknown(params, Set.of("init"));
    if (params.containsKey("init") && !Set.of("true", "false").contains(params.get("init"))) {
      throw ApiBodies.invalid("init");
    }
    return configured(apply(describedRights(body), Mode.REPLACE, caller, http));
  }

  @AdminAction("config.replace")
  @PutMapping(value = "/api/v1/config", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/yaml", "application/yaml"})
  @ResponseStatus(HttpStatus.CREATED)
  public String replace(@RequestBody String body, HttpServletRequest http, Authentication caller) {
    return configured(apply(describedRights(body), Mode.REPLACE, caller, http));
  }

  @AdminAction("config.update")
  @PatchMapping(value = "/api/v1/config", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/yaml", "application/yaml"})
  @ResponseStatus(HttpStatus.CREATED)
  public String update(@RequestBody String body, HttpServletRequest http, Authentication caller) {
    return configured(apply(describedRights(body), Mode.ALLOW, caller, http));
  }

  private String configured(AccessRightsStore.Change change) {
    return "access rights version " + (change.version() == null ? policy.version() : change.version().version())
        + ", " + change.diff().size() + " rights changed";
  }

  /** The rights an IMconf describes, service by service; its instance must be this hub's. */
  private Map<String, List<String>> describedRights(String text) {
    JsonNode conf;
    try {
      conf = IM_CONF.readTree(text);
    } catch (JacksonException e) {
      throw ApiBodies.invalid("IMconf");
    }
    ApiBodies.refuseUnknown(conf, "domain", "instance", "members");
    ApiBodies.text(conf, "domain", 200, true);
    String instance = ApiBodies.text(conf, "instance", 100, true);
    if (!instance.equals(instance())) {
      throw ApiBodies.invalid("instance");
    }
    Set<ServiceId> published = publishedServices();
    Map<String, List<String>> rights = new LinkedHashMap<>();
    for (JsonNode member : array(conf, "members")) {
      ApiBodies.refuseUnknown(member, "name", "class", "code", "applications");
      for (JsonNode application : array(member, "applications")) {
        ApiBodies.refuseUnknown(application, "id", "connection", "services");
        for (JsonNode service : array(application, "services")) {
          ApiBodies.refuseUnknown(service, "id", "specUrl", "serviceUrl", "rights");
          ServiceId id = service(published, instance, member.get("class"), member.get("code"), application.get("id"), service.get("id"));
          rights.computeIfAbsent(id.toString(), s -> new ArrayList<>())
              .addAll(service.has("rights") ? applications(instance, service.get("rights")) : List.of());
        }
      }
    }
    return rights;
  }

  private static List<JsonNode> array(JsonNode node, String name) {
    JsonNode array = node.get(name);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray() || array.size() > 1000) {
      throw ApiBodies.invalid(name);
    }
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  /**
   * The rights in force (not ended), service by service, each allowed application in both of the spec's
   * forms. A client whose queries are covert is shown to operators only, as in the directory.
   */
  private Map<String, List<Map<String, Object>>> allowedByService(boolean includeCovert) {
    Map<String, List<Map<String, Object>>> byService = new TreeMap<>();
    for (ClientGrants client : policy.document()) {
      if (client.covertUntil() != null && !includeCovert && !policy.today().isAfter(client.covertUntil())) {
        continue;
      }
      SubsystemId consumer = SubsystemId.parse(client.client());
      for (ServiceGrant grant : client.services()) {
        if (policy.grantFor(consumer, ServiceId.parse(grant.service())).isEmpty()) {
          continue;
        }
        byService.computeIfAbsent(grant.service(), s -> new ArrayList<>()).add(Map.of(
            "member", consumer.memberClass() + "/" + consumer.memberCode(), "application", consumer.subsystem(),
            "memberClass", consumer.memberClass(), "memberCode", consumer.memberCode(),
            "applicationId", consumer.subsystem()));
      }
    }
    return byService;
  }

  private static ServiceId service(Set<ServiceId> published, String instance, JsonNode memberClass, JsonNode memberCode,
      JsonNode application, JsonNode serviceCode) {
    ServiceId service;
    try {
      service = ServiceId.parse(instance + "/" + name(memberClass) + "/" + name(memberCode) + "/" + name(application) + "/"
          + name(serviceCode));
    } catch (IllegalArgumentException e) {
      throw ApiBodies.invalid("serviceId");
    }
    if (!published.contains(service)) {
      throw new HubProblemException(ProblemType.UNKNOWN_SERVICE,
          ProblemText.of("access-request.unknown-service", service.toString()));
    }
    return service;
  }

  /** The services published now, read once per request from the catalogue. */
  private Set<ServiceId> publishedServices() {
    return catalog.services().stream().map(PublishedService::service).collect(Collectors.toSet());
  }

  private static String name(JsonNode node) {
    if (node == null || !node.isString() || node.asString().isBlank() || node.asString().length() > 100) {
      throw ApiBodies.invalid("serviceId");
    }
    return node.asString();
  }

  private static List<String> applications(String instance, JsonNode rights) {
    if (rights == null || !rights.isArray() || rights.size() > 1000) {
      throw ApiBodies.invalid("rights");
    }
    List<String> consumers = new ArrayList<>();
    rights.forEach(right -> consumers.add(application(instance, right)));
    return consumers;
  }

  /** A consumer in either form: {@code memberClass, memberCode, applicationId}, or {@code member: "GOV/UBND-DN", application}. */
  private static String application(String instance, JsonNode right) {
    ApiBodies.refuseUnknown(right, "member", "application", "memberClass", "memberCode", "applicationId");
    String text;
    if (right.has("memberClass") || right.has("memberCode") || right.has("applicationId")) {
      text = instance + "/" + ApiBodies.text(right, "memberClass", 100, true) + "/"
          + ApiBodies.text(right, "memberCode", 100, true) + "/" + ApiBodies.text(right, "applicationId", 100, true);
    } else {
      String member = ApiBodies.text(right, "member", 200, true);
      text = (member.split("/").length == 2 ? instance + "/" : "") + member + "/"
          + ApiBodies.text(right, "application", 100, true);
    }
    try {
      return SubsystemId.parse(text).toString();
    } catch (IllegalArgumentException e) {
      throw ApiBodies.invalid("rights");
    }
  }

  private String instance() {
    return catalog.services().stream().map(s -> s.service().provider().instance()).findFirst().orElse("VN");
  }

  private static boolean isOperator(Authentication caller) {
    return caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_OPERATOR"));
  }

  private static SubsystemId subsystem(Principal caller) {
    try {
      return SubsystemId.parse(caller.getName());
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, "publishing.not-your-member");
    }
  }

  private static boolean matches(Map<String, String> params, String name, String value) {
    String wanted = LogFilters.text(params, name);
    return wanted == null || wanted.equals(value);
  }

  private static int offset(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.matches("offset:[0-9]{1,9}")) {
        return Integer.parseInt(text.substring("offset:".length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw ApiBodies.invalid("nextPageToken");
  }
}
