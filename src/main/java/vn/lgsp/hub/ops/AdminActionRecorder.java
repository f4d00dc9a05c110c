package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import vn.lgsp.hub.audit.pipeline.AuditTrail;

/**
 * Records each call of an {@link AdminAction} endpoint in the admin audit trail when it completes,
 * whatever its outcome: the operator, the action, the reason the operator gave (request attribute
 * {@link #REASON}, set by the endpoint) and the HTTP status.
 */
@Component
public class AdminActionRecorder implements HandlerInterceptor {

  /** Request attribute an endpoint sets to the reason the operator gave. */
  public static final String REASON = "hub.adminReason";

  /** Request attribute an endpoint sets to the problem type of a refusal. */
  public static final String ERROR_TYPE = "hub.adminErrorType";

  /**
   * Request attributes an endpoint sets when the actor is not a signed-in operator (a client's token)
   * and when the action concerns one client's right to one service.
   */
  public static final String ACTOR = "hub.adminActor";
  public static final String CLIENT = "hub.adminClient";
  public static final String SERVICE = "hub.adminService";

  private static final String STARTED = "hub.adminStarted";

  private final AuditTrail trail;
  private final Clock clock;

  public AdminActionRecorder(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (action(handler) != null) {
      request.setAttribute(STARTED, clock.instant());
    }
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    AdminAction action = action(handler);
    if (action == null) {
      return;
    }
    Object errorType = request.getAttribute(ERROR_TYPE);
    int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
    recordNow(request, action.value(), (String) request.getAttribute(REASON), request.getRequestURI(), status,
        errorType == null ? null : errorType.toString(), (Instant) request.getAttribute(STARTED));
  }

  /**
   * Records an action at once, for a disclosure (a person's records, an export, a payload) that
   * must be on record before the data leaves the hub.
   */
  public void recordNow(HttpServletRequest request, String action, String reason, String path, int status,
      String errorType, Instant startedAt) {
    Principal operator = request.getUserPrincipal();
    Object actor = operator != null ? operator.getName() : request.getAttribute(ACTOR);
    trail.adminAction(actor == null ? "anonymous" : actor.toString(), action, reason, attribute(request, CLIENT),
        attribute(request, SERVICE), request.getMethod(), path, status, errorType, startedAt);
  }

  private static String attribute(HttpServletRequest request, String name) {
    Object value = request.getAttribute(name);
    return value == null ? null : value.toString();
  }

  private static AdminAction action(Object handler) {
    return handler instanceof HandlerMethod method ? method.getMethodAnnotation(AdminAction.class) : null;
  }
}
