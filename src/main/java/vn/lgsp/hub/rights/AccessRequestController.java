package vn.lgsp.hub.rights;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.AdminActionRecorder;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.ops.ApiCallers;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.security.TokenAuthenticator;

/**
 * Access requests over the hub's API, for clients with their own tokens: a consumer files a request and
 * follows it; a provider's administrator (a token with scope {@code write:rights}, for a subsystem of the
 * provider's member) lists the requests for its member's services and grants, refuses or revokes. Every
 * call is an action in the chain, with the client and the service it concerns.
 */
@RestController
@RequestMapping("/api/v1/access-requests")
public class AccessRequestController {

  /** The scope of a provider's administrator, as the GovStack Configuration Management API names it. */
  public static final String WRITE_RIGHTS = "write:rights";

  private static final Set<String> STATES = Set.of(AccessRequest.PENDING, AccessRequest.GRANTED, AccessRequest.REFUSED,
      AccessRequest.REVOKED, AccessRequest.EXPIRED);

  private final AccessRequests requests;
  private final ApiCallers callers;

  public AccessRequestController(AccessRequests requests, ApiCallers callers) {
    this.requests = requests;
    this.callers = callers;
  }

  @AdminAction("access-request.submit")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public AccessRequest submit(@RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = caller(http);
    ApiBodies.refuseUnknown(body, "service", "fields", "purpose", "legalBasis", "validUntil");
    String service = ApiBodies.text(body, "service", 400, true);
    http.setAttribute(AdminActionRecorder.SERVICE, service);
    String purpose = ApiBodies.text(body, "purpose", 1000, true);
    http.setAttribute(AdminActionRecorder.REASON, purpose);
    AccessRequests.Ask ask = new AccessRequests.Ask(service, ApiBodies.fields(body), purpose,
        legalBasis(body, true), ApiBodies.date(body, "validUntil", true));
    return requests.submit(caller.subsystem(), ask);
  }

  /**
   * A consumer's own requests; with {@code as=provider} (an administrator), the requests for its member's
   * services. {@code state} filters.
   */
  @GetMapping
  public List<AccessRequest> list(@RequestParam Map<String, String> params, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = caller(http);
    LogFilters.refuseUnknown(params, Set.of("as", "state"));
    String state = params.get("state");
    if (state != null && !STATES.contains(state)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "access-request.state");
    }
    String as = params.getOrDefault("as", "consumer");
    return switch (as) {
      case "consumer" -> requests.ofConsumer(caller.subsystem(), state);
      case "provider" -> requests.ofProvider(ApiCallers.member(administrator(caller).subsystem()), state);
      default -> throw new HubProblemException(ProblemType.INVALID_REQUEST, "access-request.as");
    };
  }

  /** One request, to its consumer or its provider's administrator. */
  @GetMapping("/{id}")
  public AccessRequest one(@PathVariable String id, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = caller(http);
    AccessRequest request = requests.find(ApiBodies.id(id, "access-request.unknown"));
    boolean provider = caller.scopes().contains(WRITE_RIGHTS)
        && request.service().startsWith(ApiCallers.member(caller.subsystem()) + "/");
    if (!provider && !request.consumer().equals(caller.subsystem().toString())) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "access-request.unknown");
    }
    return request;
  }

  /** Grants, perhaps narrowed: {@code fields} (a subset of those asked) and {@code validUntil} (not later). */
  @AdminAction("access-request.grant")
  @PostMapping(value = "/{id}/grant", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRequest grant(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(caller(http));
    AccessRequest request = concerning(id, http);
    ApiBodies.refuseUnknown(body, "fields", "validUntil", "reason", "legalBasis");
    String reason = ApiBodies.reason(body, http, 1000, false);
    AccessRequests.Grant grant = new AccessRequests.Grant(body.has("fields") ? ApiBodies.fields(body) : null,
        ApiBodies.date(body, "validUntil", false), reason, legalBasis(body, false));
    return requests.grant(caller.subsystem(), request.id(), grant);
  }

  /** Refuses, in writing: {@code reason} and {@code legalBasis} are required. */
  @AdminAction("access-request.refuse")
  @PostMapping(value = "/{id}/refuse", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRequest refuse(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(caller(http));
    AccessRequest request = concerning(id, http);
    ApiBodies.refuseUnknown(body, "reason", "legalBasis");
    String reason = ApiBodies.reason(body, http, 1000, true);
    return requests.refuse(caller.subsystem(), request.id(), reason, legalBasis(body, true));
  }

  /** Revokes a granted right, from the next request on; {@code reason} is required. */
  @AdminAction("access-request.revoke")
  @PostMapping(value = "/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRequest revoke(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(caller(http));
    AccessRequest request = concerning(id, http);
    ApiBodies.refuseUnknown(body, "reason");
    String reason = ApiBodies.reason(body, http, 1000, true);
    return requests.revoke(caller.subsystem(), request.id(), reason);
  }

  /** The request, with its consumer and service set for the action's record. */
  private AccessRequest concerning(String id, HttpServletRequest http) {
    AccessRequest request = requests.find(ApiBodies.id(id, "access-request.unknown"));
    http.setAttribute(AdminActionRecorder.CLIENT, request.consumer());
    http.setAttribute(AdminActionRecorder.SERVICE, request.service());
    return request;
  }

  private TokenAuthenticator.Caller caller(HttpServletRequest http) {
    TokenAuthenticator.Caller caller = callers.caller(http);
    http.setAttribute(AdminActionRecorder.CLIENT, caller.subsystem().toString());
    return caller;
  }

  private static AccessRequest.LegalBasis legalBasis(JsonNode body, boolean required) {
    List<String> basis = ApiBodies.texts(body, "legalBasis", required, "document", "article");
    return basis == null ? null : new AccessRequest.LegalBasis(basis.get(0), basis.get(1));
  }

  private static TokenAuthenticator.Caller administrator(TokenAuthenticator.Caller caller) {
    if (!caller.scopes().contains(WRITE_RIGHTS)) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, "access-request.not-provider");
    }
    return caller;
  }
}
