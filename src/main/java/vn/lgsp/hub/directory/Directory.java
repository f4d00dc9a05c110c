package vn.lgsp.hub.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.protocol.Bilingual.Language;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceSunsets;

/**
 * The GovStack IM directory services (specs/govstack-im/GovStack_IM_Directory_Services_API.yaml):
 * which subsystems exist, which services a provider publishes, which of them the caller may use,
 * and each service's OpenAPI document. Answers follow the API's schemas.
 */
@Component
public class Directory {

  /** The member's official name beside a client or service: an extension of the API's schemas. */
  static final String MEMBER_NAME = "x-memberName";

  private final ServiceCatalog catalog;
  private final AccessPolicy access;
  private final AccessProperties accessProperties;
  private final OpenApiWriter openApi;
  private final ObjectMapper json;
  private final ServiceSunsets sunsets;

  public Directory(
      ServiceCatalog catalog,
      AccessPolicy access,
      AccessProperties accessProperties,
      OpenApiWriter openApi,
      ObjectMapper json,
      ServiceSunsets sunsets) {
    this.sunsets = sunsets;
    this.catalog = catalog;
    this.access = access;
    this.accessProperties = accessProperties;
    this.openApi = openApi;
    this.json = json;
  }

  /**
   * {@code GET /listClients[?instanceId=]}: providers and consumers known to this hub; a client
   * whose queries are covert is left out, since its very presence is not for other consumers.
   */
  public ObjectNode listClients(Exchange exchange) {
    return listClients(exchange.getIn().getHeader("instanceId", String.class), false);
  }

  /** The client list; with {@code includeCovert} (operators only) also the covert clients. */
  public ObjectNode listClients(String instance, boolean includeCovert) {
    Set<SubsystemId> subsystems = new LinkedHashSet<>();
    catalog.services().forEach(s -> subsystems.add(s.service().provider()));
    access.document().stream()
        .filter(g -> includeCovert || g.covertUntil() == null)
        .forEach(g -> subsystems.add(SubsystemId.parse(g.client())));
    ObjectNode answer = json.createObjectNode();
    ArrayNode members = answer.putArray("member");
    Set<String> seenMembers = new LinkedHashSet<>();
    for (SubsystemId s : subsystems) {
      if (instance != null && !instance.equals(s.instance())) {
        continue;
      }
      String member = s.instance() + "/" + s.memberClass() + "/" + s.memberCode();
      if (seenMembers.add(member)) {
        members.add(client(s, "MEMBER", member));
      }
      members.add(client(s, "APPLICATION", s.toString()));
    }
    return answer;
  }

  private ObjectNode client(SubsystemId s, String type, String name) {
    ObjectNode entry = json.createObjectNode();
    entry.put("name", name);
    memberName(s).ifPresent(n -> entry.put(MEMBER_NAME, n));
    ObjectNode id = entry.putObject("id");
    id.put("objectType", type);
    id.put("instanceId", s.instance());
    id.put("memberClass", s.memberClass());
    id.put("memberCode", s.memberCode());
    if ("APPLICATION".equals(type)) {
      id.put("applicationCode", s.subsystem());
    }
    return entry;
  }

  /** {@code GET /r1/{provider}/listMethods[?serviceId=]}: every REST service the provider publishes (or the one named). */
  public ObjectNode listMethods(Exchange exchange) {
    SubsystemId provider = knownProvider(exchange);
    return methods(provider, serviceFilter(exchange, provider), null, language(exchange));
  }

  /**
   * {@code GET /r1/{provider}/allowedMethods}: only what the calling client may use, each with the
   * request limits that apply to it ({@code x-rateLimits}, an extension of the API's schema).
   */
  public ObjectNode allowedMethods(Exchange exchange) {
    SubsystemId provider = knownProvider(exchange);
    return methods(provider, serviceFilter(exchange, provider), ExchangeContext.of(exchange).client(), language(exchange));
  }

  /**
   * {@code GET /r1/{provider}/getOpenAPI?serviceCode=}: the service's OpenAPI 3 document, in JSON, or in YAML
   * ({@code text/yaml}) for a caller whose {@code Accept} asks for YAML before JSON.
   */
  public ObjectNode getOpenApi(Exchange exchange) {
    SubsystemId provider = knownProvider(exchange);
    String code = exchange.getIn().getHeader("serviceCode", String.class);
    if (code == null || code.isBlank()) {
      throw LogFilters.invalid("serviceCode", "required");
    }
    if (!SubsystemId.isWellFormedPart(code)) {
      throw LogFilters.invalid("serviceCode", "service-code");
    }
    ExchangeContext context = ExchangeContext.of(exchange);
    context.variesByAccept(true);
    context.yamlAnswer(asksForYaml(exchange.getIn().getHeader(HttpHeaders.ACCEPT, String.class)));
    var endpoints =
        catalog.services().stream()
            .filter(s -> s.service().provider().equals(provider) && s.service().serviceCode().equals(code))
            .toList();
    if (endpoints.isEmpty()) {
      throw new HubProblemException(ProblemType.UNKNOWN_SERVICE, ProblemText.of("service.no-such", provider + "/" + code));
    }
    return openApi.document(endpoints, language(exchange));
  }

  /**
   * The provider's services; with a {@code caller}, only those it has a right to, with its limits.
   * The API's schema has no place for what people read, so the service's title and description
   * (in the caller's language) and the provider's official name are extensions beside the spec's
   * fields, which stay as they were.
   */
  private ObjectNode methods(SubsystemId provider, String serviceCode, SubsystemId caller, Language language) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode members = answer.putArray("member");
    for (PublishedService s : catalog.services()) {
      Optional<Grant> grant = caller == null ? Optional.empty() : access.grantFor(caller, s.service());
      if (!s.service().provider().equals(provider) || (caller != null && grant.isEmpty())
          || (serviceCode != null && !serviceCode.equals(s.service().serviceCode()))) {
        continue;
      }
      ObjectNode entry = members.addObject();
      entry.put("objectType", "SERVICE");
      entry.put("serviceType", "REST");
      entry.put("instanceId", provider.instance());
      entry.put("memberClass", provider.memberClass());
      entry.put("memberCode", provider.memberCode());
      entry.put("applicationCode", provider.subsystem());
      entry.put("serviceCode", s.service().serviceCode());
      entry.put("x-title", s.title().in(language));
      entry.put("x-description", s.description().in(language));
      memberName(provider).ifPresent(n -> entry.put(MEMBER_NAME, n));
      ObjectNode endpoint = entry.putObject("endpointList").putArray("member").addObject();
      endpoint.put("method", s.method());
      endpoint.put("path", s.path().isEmpty() ? "/" : s.path());
      grant.map(Grant::limits).ifPresent(l -> entry.set("x-rateLimits", json.valueToTree(l)));
      sunsets.of(s.routeId()).ifPresent(day -> entry.put("x-sunset", day.toString()));
    }
    return answer;
  }

  /** The member's official name (Vietnamese, from the access rights' member names), if it has one. */
  private Optional<String> memberName(SubsystemId s) {
    return Optional.ofNullable(accessProperties.memberNames().get(s.instance() + "/" + s.memberClass() + "/" + s.memberCode()));
  }

  /** The caller's language for what people read: Vietnamese unless its Accept-Language asks for English. */
  private static Language language(Exchange exchange) {
    return Language.of(exchange.getIn().getHeader(HttpHeaders.ACCEPT_LANGUAGE, String.class));
  }

  /**
   * The provider the path names, which must publish at least one service: a provider the hub does not know gets
   * the same answer from listMethods, allowedMethods and getOpenAPI (404 {@code Client.UnknownService}), and
   * whether a subsystem that publishes nothing exists is not told.
   */
  private SubsystemId knownProvider(Exchange exchange) {
    SubsystemId provider = ExchangeContext.of(exchange).service().provider();
    if (catalog.services().stream().noneMatch(s -> s.service().provider().equals(provider))) {
      throw new HubProblemException(ProblemType.UNKNOWN_SERVICE, ProblemText.of("directory.no-provider", provider.toString()));
    }
    return provider;
  }

  /**
   * The spec's {@code serviceId} filter of listMethods and allowedMethods: a service code, or a whole service id of
   * the same provider; none when absent.
   */
  private static String serviceFilter(Exchange exchange, SubsystemId provider) {
    String serviceId = exchange.getIn().getHeader("serviceId", String.class);
    if (serviceId == null) {
      return null;
    }
    if (SubsystemId.isWellFormedPart(serviceId)) {
      return serviceId;
    }
    try {
      ServiceId named = ServiceId.parse(serviceId);
      if (named.provider().equals(provider)) {
        return named.serviceCode();
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw LogFilters.invalid("serviceId", "service-id");
  }

  /**
   * Whether the caller's {@code Accept} prefers YAML ({@code text/yaml}, {@code application/yaml}) to JSON: the
   * acceptable media types by quality (a type at {@code q=0} is refused), the first that is JSON, YAML or any
   * decides; JSON when none is, or when the header cannot be read.
   */
  static boolean asksForYaml(String accept) {
    if (accept == null) {
      return false;
    }
    List<MediaType> types;
    try {
      types = new ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    types.removeIf(type -> type.getQualityValue() == 0);
    types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed()); // stable: the caller's order within a quality
    for (MediaType type : types) {
      String subtype = type.getSubtype();
      if (subtype.equals("yaml") || subtype.equals("x-yaml")) {
        return true;
      }
      if (subtype.equals("json") || type.isWildcardSubtype()) {
        return false;
      }
    }
    return false;
  }

}
