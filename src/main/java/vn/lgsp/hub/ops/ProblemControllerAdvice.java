package vn.lgsp.hub.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.XRoadHeaders;

/** Problem responses for the hub's MVC endpoints (admin and directory APIs). */
@RestControllerAdvice
public class ProblemControllerAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemControllerAdvice.class);

  @ExceptionHandler(HubProblemException.class)
  public ResponseEntity<Problem> hubProblem(HubProblemException e) {
    return respond(e.type(), e.detail());
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Problem> unexpected(Exception e) {
    log.error("unexpected error in an admin endpoint: {}", e.getClass().getName());
    return respond(ProblemType.INTERNAL_ERROR, null);
  }

  private static ResponseEntity<Problem> respond(ProblemType type, String detail) {
    return ResponseEntity.status(type.status())
        .contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
        .header(XRoadHeaders.ERROR, type.code())
        .body(Problem.of(type, detail, null));
  }
}
