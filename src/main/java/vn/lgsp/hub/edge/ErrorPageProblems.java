package vn.lgsp.hub.edge;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Whatever the container or Spring answers outside the engine (unknown paths outside /r1, a
 * malformed URL refused by the firewall, an error page) is answered as problem+json too, with
 * no stack trace, exception name or path echoed.
 */
@RestController
public class ErrorPageProblems implements ErrorController {

  private final ProblemWriter writer;

  public ErrorPageProblems(ProblemWriter writer) {
    this.writer = writer;
  }

  @RequestMapping("/error")
  public ResponseEntity<Problem> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    ProblemType type = ErrorProblems.forStatus(status);
    // the container's status stands (a 400 from the firewall, a 408 ...), the type says what it means
    return writer.entity(type, status, null, CallerLanguage.of(request.getHeader(CallerLanguage.HEADER)));
  }
}
