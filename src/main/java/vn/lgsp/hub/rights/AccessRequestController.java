package vn.lgsp.hub.rights;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
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
  private final TokenAuthenticator authenticator;

  public AccessRequestController(AccessRequests requests, TokenAuthenticator authenticator) {
    this.requests = requests;
    this.authenticator = authenticator;
  }

  @AdminAction("access-request.submit")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public AccessRequest submit(@RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = caller(http);
    RequestBodies.refuseUnknown(body, "service", "fields", "purpose", "legalBasis", "validUntil");
    String service = RequestBodies.text(body, "service", 400, true);
    http.setAttribute(AdminActionRecorder.SERVICE, service);
    String purpose = RequestBodies.text(body, "purpose", 1000, true);
    http.setAttribute(AdminActionRecorder.REASON, purpose);
    AccessRequests.Ask ask = new AccessRequests.Ask(service, RequestBodies.fields(body), purpose,
        RequestBodies.legalBasis(body, true), RequestBodies.date(body, "validUntil", true));
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
      case "provider" -> requests.ofProvider(AccessRequests.member(administrator(caller).subsystem()), state);
      default -> throw new HubProblemException(ProblemType.INVALID_REQUEST, "access-request.as");
    };
  }

  /** One request, to its consumer or its provider's administrator. */
  @GetMapping("/{id}")
  public AccessRequest one(@PathVariable String id, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = caller(http);
    AccessRequest request = requests.find(RequestBodies.id(id));
    boolean provider = caller.scopes().contains(WRITE_RIGHTS)
        && request.service().startsWith(AccessRequests.member(caller.subsystem()) + "/");
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
    RequestBodies.refuseUnknown(body, "fields", "validUntil", "reason", "legalBasis");
    String reason = RequestBodies.text(body, "reason", 1000, false);
    http.setAttribute(AdminActionRecorder.REASON, reason);
    AccessRequests.Grant grant = new AccessRequests.Grant(body.has("fields") ? RequestBodies.fields(body) : null,
        RequestBodies.date(body, "validUntil", false), reason, RequestBodies.legalBasis(body, false));
    return requests.grant(caller.subsystem(), request.id(), grant);
  }

  /** Refuses, in writing: {@code reason} and {@code legalBasis} are required. */
  @AdminAction("access-request.refuse")
  @PostMapping(value = "/{id}/refuse", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRequest refuse(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(caller(http));
    AccessRequest request = concerning(id, http);
    RequestBodies.refuseUnknown(body, "reason", "legalBasis");
    String reason = RequestBodies.text(body, "reason", 1000, true);
    http.setAttribute(AdminActionRecorder.REASON, reason);
    return requests.refuse(caller.subsystem(), request.id(), reason, RequestBodies.legalBasis(body, true));
  }

  /** Revokes a granted right, from the next request on; {@code reason} is required. */
  @AdminAction("access-request.revoke")
  @PostMapping(value = "/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRequest revoke(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http) {
    TokenAuthenticator.Caller caller = administrator(caller(http));
    AccessRequest request = concerning(id, http);
    RequestBodies.refuseUnknown(body, "reason");
    String reason = RequestBodies.text(body, "reason", 1000, true);
    http.setAttribute(AdminActionRecorder.REASON, reason);
    return requests.revoke(caller.subsystem(), request.id(), reason);
  }

  /** The request, with its consumer and service set for the action's record. */
  private AccessRequest concerning(String id, HttpServletRequest http) {
    AccessRequest request = requests.find(RequestBodies.id(id));
    http.setAttribute(AdminActionRecorder.CLIENT, request.consumer());
    http.setAttribute(AdminActionRecorder.SERVICE, request.service());
    return request;
  }

  private TokenAuthenticator.Caller caller(HttpServletRequest http) {
    X509Certificate[] chain = (X509Certificate[]) http.getAttribute("jakarta.servlet.request.X509Certificate");
    TokenAuthenticator.Caller caller =
        authenticator.caller(http.getHeader(HttpHeaders.AUTHORIZATION), chain == null ? null : chain[0]);
    http.setAttribute(AdminActionRecorder.ACTOR, caller.subsystem().toString());
    http.setAttribute(AdminActionRecorder.CLIENT, caller.subsystem().toString());
    return caller;
  }

  private static TokenAuthenticator.Caller administrator(TokenAuthenticator.Caller caller) {
    if (!caller.scopes().contains(WRITE_RIGHTS)) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, "access-request.not-provider");
    }
    return caller;
  }
}
