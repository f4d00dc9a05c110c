package vn.lgsp.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemAnswers;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.XRoadHeaders;

/**
 * Sits in front of an authentication (client authentication at the token endpoint, the console's
 * form login, HTTP basic on the admin API): an attempt on an account or from an address that
 * failed too often lately is answered {@code 429} with {@code Retry-After} before any password is
 * checked; an attempt that fails is counted. Both are put on record.
 */
final class AuthenticationThrottleFilter extends OncePerRequestFilter {

  /** Whose authentication this filter guards: decides the record's kind. */
  enum Guarded { CLIENT, OPERATOR }

  /** Request attribute a failure handler sets when it answers a failure with other than 401 (a redirect). */
  static final String FAILED = AuthenticationThrottleFilter.class.getName() + ".failed";

  private final Guarded guarded;
  private final Function<HttpServletRequest, String> account;
  private final AuthenticationThrottle throttle;
  private final SecurityRecords records;
  private final ProblemAnswers problems;
  private final Clock clock;

  /** {@code account} names the account a request tries to authenticate as, or null if it presents no credentials. */
  AuthenticationThrottleFilter(Guarded guarded, Function<HttpServletRequest, String> account,
      AuthenticationThrottle throttle, SecurityRecords records, ProblemAnswers problems, Clock clock) {
    this.guarded = guarded;
    this.account = account;
    this.throttle = throttle;
    this.records = records;
    this.problems = problems;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String name = account.apply(request);
    if (name == null) {
      // no credentials: nothing to throttle; the container's error answer records the refusal
      chain.doFilter(request, response);
      return;
    }
    Instant started = clock.instant();
    String address = request.getRemoteAddr();
    // clients and operators are counted apart: a client id cannot lock an operator out, nor the reverse
    String counted = guarded + ":" + name;
    Duration wait = throttle.wait(counted, address);
    if (!wait.isZero()) {
      refuse(request, response, name, wait, started);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED || request.getAttribute(FAILED) != null) {
      throttle.failed(counted, address);
      record(request, name, response.getStatus(), ProblemType.UNAUTHENTICATED, started);
    } else if (guarded == Guarded.CLIENT) {
      // an authenticated client's token request or revocation, granted or refused, is on record too
      records.clientAnswered(request, name, response.getStatus(), started);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String name, Duration wait,
      Instant started) throws IOException {
    ProblemType type = ProblemType.AUTHENTICATION_THROTTLED;
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    String callerId = request.getHeader(XRoadHeaders.ID);
    String messageId = HeaderRules.isMessageId(callerId) ? callerId : UUID.randomUUID().toString();
    record(request, name, type.status(), type, started);
    response.setHeader("Retry-After", Long.toString(seconds));
    problems.send(response, type, ProblemText.of("authentication.throttled", seconds), messageId,
        CallerLanguage.of(request.getHeader(CallerLanguage.HEADER)));
  }

  private void record(HttpServletRequest request, String name, int status, ProblemType type, Instant started) {
    if (guarded == Guarded.CLIENT) {
      records.clientRefused(request, name, status, type, started);
    } else {
      records.operatorRefused(request, name, status, type, started);
    }
  }

  /** The client a token-endpoint request authenticates as: HTTP basic (form-encoded id) or {@code client_id}. */
  static String clientOf(HttpServletRequest request) {
    String user = basicUserOf(request);
    if (user != null) {
      try {
        return URLDecoder.decode(user, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return user;
      }
    }
    return request.getParameter("client_id");
  }

  /** The user of an HTTP basic {@code Authorization} header; empty if it cannot be read; null without one. */
  static String basicUserOf(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? "" : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The operator name of a console sign-in ({@code POST loginUrl}); null for any other request. */
  static Function<HttpServletRequest, String> formUserOf(String loginUrl) {
    return request -> {
      if (!"POST".equals(request.getMethod()) || !loginUrl.equals(request.getServletPath())) {
        return null;
      }
      String username = request.getParameter("username");
      return username == null ? "" : username;
    };
  }
}
