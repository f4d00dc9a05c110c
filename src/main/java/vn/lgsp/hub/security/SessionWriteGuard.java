package vn.lgsp.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery guard for the console's session: a request that changes state and
 * authenticates by session cookie (no {@code Authorization} header) must carry the header
 * {@code X-Requested-With}, which a browser sends cross-site only after a CORS preflight the hub
 * never grants. Scripts using HTTP basic are not affected.
 */
final class SessionWriteGuard extends OncePerRequestFilter {

  static final String HEADER = "X-Requested-With";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean sessionBorne = request.getHeader("Authorization") == null && request.getSession(false) != null;
    if (sessionBorne && !SAFE.contains(request.getMethod()) && request.getHeader(HEADER) == null) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }
}
