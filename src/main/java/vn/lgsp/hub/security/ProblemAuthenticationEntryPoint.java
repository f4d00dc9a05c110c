package vn.lgsp.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.XRoadHeaders;

/** Answers unauthenticated admin calls with a basic challenge and a problem+json body. */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final ObjectMapper json;

  ProblemAuthenticationEntryPoint(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    ProblemType type = ProblemType.UNAUTHENTICATED;
    response.setStatus(type.status());
    if (request.getHeader(SessionWriteGuard.HEADER) == null) {
      // no challenge for the console's own calls: the browser would pop up a login dialog
      response.setHeader("WWW-Authenticate", "Basic realm=\"lgsp-hub admin\"");
    }
    response.setHeader(XRoadHeaders.ERROR, type.code());
    response.setContentType(Problem.MEDIA_TYPE);
    json.writeValue(response.getOutputStream(), Problem.of(type, "operator credentials required", null));
  }
}
