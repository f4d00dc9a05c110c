package vn.lgsp.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery guard for the console's session: every admin request that
 * authenticates by session cookie (no {@code Authorization} header), reads as well as writes (some
 * reads disclose or are recorded in the operator's name), must carry the header {@code
 * X-Requested-With}, which a browser sends cross-site only after a CORS preflight the hub never
 * grants. Scripts using HTTP basic are not affected.
 */
final class SessionWriteGuard extends OncePerRequestFilter {

  static final String HEADER = "X-Requested-With";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean sessionBorne = request.getHeader("Authorization") == null && request.getSession(false) != null;
    if (sessionBorne && !"OPTIONS".equals(request.getMethod()) && request.getHeader(HEADER) == null) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }
}
