package vn.lgsp.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery guard for the console's session: every admin request that
 * authenticates by session cookie (no {@code Authorization} header), reads as well as writes (some
 * reads disclose or are recorded in the operator's name), must carry the header {@code
 * X-Requested-With}, which a browser sends cross-site only after a CORS preflight the hub never
 * grants. Scripts using HTTP basic are not affected. A refusal is put on record in the operator's
 * name: it may be a forged request the operator never saw.
 */
public final class SessionWriteGuard extends OncePerRequestFilter {

  public static final String HEADER = "X-Requested-With";

  private final SecurityRecords records;
  private final Clock clock;

  SessionWriteGuard(SecurityRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // a session cookie is sent by the browser on its own, whatever other credentials ride along
    boolean sessionBorne = request.getSession(false) != null;
    if (sessionBorne && !"OPTIONS".equals(request.getMethod()) && request.getHeader(HEADER) == null) {
      Authentication operator = SecurityContextHolder.getContext().getAuthentication();
      records.csrfRefused(request, operator == null ? null : operator.getName(), clock.instant());
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }
}
