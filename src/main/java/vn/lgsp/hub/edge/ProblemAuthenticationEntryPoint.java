package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.security.SessionWriteGuard;

/** Answers unauthenticated admin calls with a basic challenge and a problem+json body. */
@Component
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final ProblemWriter writer;

  public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
    this.writer = writer;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (request.getHeader(SessionWriteGuard.HEADER) == null) {
      // no challenge for the console's own calls: the browser would pop up a login dialog
      response.setHeader("WWW-Authenticate", "Basic realm=\"lgsp-hub admin\"");
    }
    writer.send(response, ProblemType.UNAUTHENTICATED, ProblemText.of("operator.credentials-required"), null,
        CallerLanguage.of(request.getHeader(CallerLanguage.HEADER)));
  }
}
