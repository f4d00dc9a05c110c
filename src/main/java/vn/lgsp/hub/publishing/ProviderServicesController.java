package vn.lgsp.hub.publishing;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.audit.pipeline.AuditTrail;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.AdminActionRecorder;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.ops.ApiCallers;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.security.TokenAuthenticator;

/**
 * A provider's administrator (a token with scope {@code write:conf}, for a subsystem of its member)
 * publishes services: a draft from an OpenAPI 3 document, the backend address and the operations
 * chosen; submission for the operators' approval; deprecation with a sunset day; withdrawal. Its own
 * member's services only; every call is an action in the chain.
 */
@RestController
@RequestMapping("/api/v1/services")
public class ProviderServicesController {

  /** The scope of a provider's administrator for its services, as the GovStack Configuration Management API names it. */
  public static final String WRITE_CONF = "write:conf";

  private final ServicePublications publications;
  private final ApiCallers callers;
  private final AccessPolicy policy;
  private final AuditTrail trail;
  private final Clock clock;
  private final ServiceRuntime runtime;

  public ProviderServicesController(ServicePublications publications, ApiCallers callers, AccessPolicy policy,
      AuditTrail trail, Clock clock, ServiceRuntime runtime) {
    this.publications = publications;
    this.runtime = runtime;
    this.callers = callers;
    this.policy = policy;
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * {@code {"provider": "VN/GOV/BTC/THUE", "serviceCode": "tax-clearance", "version": "v1", "openApi": "<the
   * document, JSON or YAML>", "backendUrl": "https://...", "operations": ["getTaxClearance"], "title": {"vi":
   * ..., "en": ...}, "description": {...}}}; title and description default to the operation's summary. A SOAP
   * register sends {@code "wsdl": "<the WSDL 1.1>"} instead of {@code openApi}, its operations named as in
   * the WSDL, and its SOAP address as {@code backendUrl}.
   */
  @AdminAction("service.draft")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public ServicePublications.Publication draft(@RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(http);
    ApiBodies.refuseUnknown(body, "provider", "serviceCode", "version", "openApi", "wsdl", "backendUrl", "operations",
        "title", "description");
    SubsystemId provider = ApiBodies.subsystem(body, "provider");
    String serviceCode = ApiBodies.matching(body, "serviceCode", "[a-z0-9]+(-[a-z0-9]+)*", 64);
    http.setAttribute(AdminActionRecorder.SERVICE, provider + "/" + serviceCode);
    if (body.has("openApi") == body.has("wsdl")) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "publishing.one-document");
    }
    OpenApiImport.Submission submission = new OpenApiImport.Submission(provider, serviceCode,
        ApiBodies.matching(body, "version", "v[0-9]{1,3}", 4),
        ApiBodies.document(body, "openApi", false), ApiBodies.document(body, "wsdl", false),
        ApiBodies.matching(body, "backendUrl", "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?", 400),
        ApiBodies.names(body, "operations"), bilingual(body, "title"), bilingual(body, "description"));
    return publications.draft(caller.subsystem(), submission);
  }

  @GetMapping
  public List<ServicePublications.Publication> list(@RequestParam Map<String, String> params, HttpServletRequest http) {
    LogFilters.refuseUnknown(params, Set.of());
    return publications.list(ApiCallers.member(administrator(http).subsystem()));
  }

  @GetMapping("/{id}")
  public ServicePublications.Publication one(@PathVariable String id, HttpServletRequest http) {
    String member = ApiCallers.member(administrator(http).subsystem());
    ServicePublications.Publication publication = publications.find(ApiBodies.id(id, "publishing.unknown"));
    if (!publication.providerMember().equals(member)) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "publishing.unknown");
    }
    return publication;
  }

  @AdminAction("service.submit")
  @PostMapping(value = "/{id}/submit", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ServicePublications.Publication submit(@PathVariable String id, @RequestBody JsonNode body,
      HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(http);
    UUID publication = concerning(publications, id, http);
    ApiBodies.refuseUnknown(body, "reason");
    return publications.submit(caller.subsystem(), publication, ApiBodies.reason(body, http, 500, false));
  }

  /** {@code {"sunset": "2027-06-30", "reason": "..."}}: announced on every answer and to each consumer holding a right. */
  @AdminAction("service.deprecate")
  @PostMapping(value = "/{id}/deprecate", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ServicePublications.Publication deprecate(@PathVariable String id, @RequestBody JsonNode body,
      HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(http);
    UUID publication = concerning(publications, id, http);
    ApiBodies.refuseUnknown(body, "sunset", "reason");
    LocalDate sunset = ApiBodies.date(body, "sunset", true);
    if (!sunset.isAfter(policy.today())) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.field", "sunset"));
    }
    ServicePublications.Publication deprecated =
        publications.deprecate(caller.subsystem(), publication, sunset, ApiBodies.reason(body, http, 500, true));
    runtime.follow();
    // each consumer holding a right finds the announcement in the chain under its own name
    for (String consumer : ServiceConsumers.of(policy, deprecated.service())) {
      trail.adminAction(caller.subsystem().toString(), "service.sunset-announced", deprecated.service() + " "
          + deprecated.version() + " ends on " + sunset, consumer, deprecated.service(), http.getMethod(),
          http.getRequestURI(), 200, null, clock.instant());
    }
    return deprecated;
  }

  @AdminAction("service.withdraw")
  @PostMapping(value = "/{id}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ServicePublications.Publication withdraw(@PathVariable String id, @RequestBody JsonNode body,
      HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(http);
    UUID publication = concerning(publications, id, http);
    ApiBodies.refuseUnknown(body, "reason");
    ServicePublications.Publication withdrawn = publications.withdraw(caller.subsystem().toString(),
        caller.subsystem(), publication, ApiBodies.reason(body, http, 500, true));
    runtime.follow();
    return withdrawn;
  }

  private TokenAuthenticator.Caller administrator(HttpServletRequest http) {
    return callers.withScope(http, WRITE_CONF, "publishing.not-administrator");
  }

  /** The publication a path names, its service set for the action's record. */
  static UUID concerning(ServicePublications publications, String id, HttpServletRequest http) {
    UUID uuid = ApiBodies.id(id, "publishing.unknown");
    http.setAttribute(AdminActionRecorder.SERVICE, publications.find(uuid).service());
    return uuid;
  }

  private static Bilingual bilingual(JsonNode body, String name) {
    List<String> texts = ApiBodies.texts(body, name, false, "vi", "en");
    return texts == null ? null : new Bilingual(texts.get(0), texts.get(1));
  }
}
