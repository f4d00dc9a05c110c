package vn.lgsp.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.pipeline.AuditTrail;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.XRoadHeaders;

/**
 * Puts authentications on record, in the same chain as the exchanges: every answer of the token
 * server to a client (a token granted, a revocation, a failed or throttled authentication, an OAuth2
 * error) as an exchange record (found by the client it claimed); an operator's failed or throttled
 * sign-in and a session request the CSRF guard refused as an admin record. The name a guesser typed
 * is kept bounded and with ID-like digits hashed.
 */
@Component
class SecurityRecords {

  /** Admin-record action of a refused operator sign-in (console form or HTTP basic). */
  static final String SIGN_IN = "sign-in";

  /** Record action of an authenticated client's call to the token server (token, revocation). */
  static final String TOKEN_SERVER = "token-server";

  /** Admin-record action of a session request refused for want of the CSRF header. */
  static final String CSRF_REFUSED = "csrf-refused";

  /** Admin-record action of a call to the Configuration Management API refused by its filter chain. */
  static final String CONFIGURATION_API_REFUSED = "configuration-api-refused";

  private static final Logger log = LoggerFactory.getLogger(SecurityRecords.class);
  private static final int MAX_NAME = 64;
  private static final int MAX_METHOD = 16;
  private static final int MAX_PATH = 512;

  private final ExchangeLogPublisher publisher;
  private final AuditTrail trail;
  private final SubjectHasher hasher;
  private final Clock clock;

  private final MeterRegistry meters;

  SecurityRecords(ExchangeLogPublisher publisher, AuditTrail trail, SubjectHasher hasher, Clock clock,
      MeterRegistry meters) {
    this.publisher = publisher;
    this.trail = trail;
    this.hasher = hasher;
    this.clock = clock;
    this.meters = meters;
  }

  /** Counts a refusal by door and problem type (never by account: names are caller-controlled). */
  private void meter(String door, ProblemType type) {
    Counter.builder("hub_authentication_refusals").description("Refused authentications: failed and throttled")
        .tag("door", door).tag("type", type.code()).register(meters).increment();
  }

  /** A client authentication at the token endpoint that was refused ({@code type}) and answered {@code status}. */
  void clientRefused(HttpServletRequest request, String clientId, int status, ProblemType type, Instant started) {
    meter("token", type);
    clientRecord(request, clientId, status, type, SIGN_IN, type.title(), started);
  }

  /**
   * What an authenticated client's call to the token server (a token, a revocation) was answered:
   * granted ({@code 2xx}, recorded under the client) or refused for what it asked (an OAuth2 error,
   * such as revoking another client's token, recorded under the client it claimed).
   */
  void clientAnswered(HttpServletRequest request, String clientId, int status, Instant started) {
    boolean granted = status >= 200 && status < 300;
    clientRecord(request, clientId, status, granted ? null : outcome(status), TOKEN_SERVER,
        granted ? "granted" : "refused", started);
  }

  /** A token-server record: under the client when {@code refusal} is null, else under the client it claimed. */
  private void clientRecord(HttpServletRequest request, String clientId, int status, ProblemType refusal,
      String action, String reason, Instant started) {
    String client = subsystem(clientId);
    try {
      publisher.publish(ExchangeRecord.builder()
          .messageId(messageId(request))
          .clientId(refusal == null ? client : null)
          .claimedClientId(refusal == null ? null : client)
          .method(printable(request.getMethod(), MAX_METHOD))
          .path(hasher.maskIds(printable(request.getRequestURI(), MAX_PATH)))
          .status(status)
          .errorType(refusal == null ? null : refusal.code())
          .requestInAt(started)
          .responseOutAt(clock.instant())
          .actor(name(clientId))
          .action(action)
          .reason(reason + " (from " + request.getRemoteAddr() + ")")
          .build());
    } catch (RuntimeException e) {
      log.error("token server answer ({}) could not be logged ({})", action, e.getClass().getSimpleName());
    }
  }

  private static ProblemType outcome(int status) {
    return switch (status) {
      case 403 -> ProblemType.ACCESS_DENIED;
      case 429 -> ProblemType.RATE_LIMITED;
      default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
    };
  }

  /** An operator sign-in that was refused ({@code type}) and answered {@code status}. */
  void operatorRefused(HttpServletRequest request, String operator, int status, ProblemType type, Instant started) {
    meter("operator", type);
    adminRecord(request, name(operator), SIGN_IN, type.title() + " (from " + request.getRemoteAddr() + ")", status,
        type, started);
  }

  /**
   * A call to the GovStack Configuration Management API refused before it reached the API: no valid token or
   * credentials ({@code 401}), or a token without the scope the call needs ({@code 403}). A failed operator
   * password is recorded as a refused sign-in instead.
   */
  void configurationApiRefused(HttpServletRequest request, String caller, ProblemType type, Instant started) {
    meter("configuration-api", type);
    adminRecord(request, name(caller), CONFIGURATION_API_REFUSED, type.title() + " (from " + request.getRemoteAddr() + ")",
        type.status(), type, started);
  }

  /** A request in an operator's session refused by the CSRF guard. */
  void csrfRefused(HttpServletRequest request, String operator, Instant started) {
    meter("csrf", ProblemType.ACCESS_DENIED);
    adminRecord(request, name(operator), CSRF_REFUSED, "session request without " + SessionWriteGuard.HEADER
        + " (from " + request.getRemoteAddr() + ")", 403, ProblemType.ACCESS_DENIED, started);
  }

  private void adminRecord(HttpServletRequest request, String actor, String action, String reason, int status,
      ProblemType type, Instant started) {
    try {
      trail.adminAction(actor, action, reason, printable(request.getMethod(), MAX_METHOD),
          printable(request.getRequestURI(), MAX_PATH), status, type.code(), started);
    } catch (RuntimeException e) {
      log.error("refused {} could not be logged ({})", action, e.getClass().getSimpleName());
    }
  }

  private static String messageId(HttpServletRequest request) {
    String callerId = request.getHeader(XRoadHeaders.ID);
    return HeaderRules.isMessageId(callerId) ? callerId : UUID.randomUUID().toString();
  }

  private static String subsystem(String clientId) {
    try {
      return clientId == null ? null : SubsystemId.parse(clientId).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What a guesser typed, as a record may keep it: printable ASCII, bounded, ID-like digits hashed. */
  private String name(String typed) {
    return typed == null ? "anonymous" : hasher.maskIds(printable(typed, MAX_NAME));
  }

  private static String printable(String text, int max) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
