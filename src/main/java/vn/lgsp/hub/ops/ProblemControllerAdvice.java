package vn.lgsp.hub.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
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

  /** Spring's own refusals (wrong method, unreadable parameters ...) keep their status. */
  @ExceptionHandler(ErrorResponseException.class)
  public ResponseEntity<Problem> springRefusal(ErrorResponseException e) {
    return respond(ErrorProblems.forStatus(e.getStatusCode().value()), null);
  }

  @ExceptionHandler({
    org.springframework.web.HttpRequestMethodNotSupportedException.class,
    org.springframework.web.HttpMediaTypeNotSupportedException.class,
    org.springframework.web.bind.MissingServletRequestParameterException.class,
    org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
    org.springframework.web.servlet.resource.NoResourceFoundException.class,
    org.springframework.http.converter.HttpMessageNotReadableException.class
  })
  public ResponseEntity<Problem> requestRefusal(Exception e) {
    int status = e instanceof org.springframework.web.ErrorResponse r ? r.getStatusCode().value() : 400;
    return respond(ErrorProblems.forStatus(status), null);
  }

  /** The database is away (the exchange log still records, in the broker): a search must wait. */
  @ExceptionHandler({
    org.springframework.dao.DataAccessResourceFailureException.class,
    org.springframework.dao.TransientDataAccessException.class,
    org.springframework.transaction.CannotCreateTransactionException.class
  })
  public ResponseEntity<Problem> databaseAway(Exception e) {
    log.warn("admin endpoint without its database: {}", e.getClass().getSimpleName());
    return respond(ProblemType.DATABASE_UNAVAILABLE, "the log database does not answer; records wait in the broker");
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Problem> unexpected(Exception e) {
    log.error("unexpected error in an admin endpoint: {}", e.getClass().getName());
    return respond(ProblemType.INTERNAL_ERROR, null);
  }

  private static ResponseEntity<Problem> respond(ProblemType type, String detail) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(AdminActionRecorder.ERROR_TYPE, type.code(), RequestAttributes.SCOPE_REQUEST);
    }
    return ResponseEntity.status(type.status())
        .contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
        .header(XRoadHeaders.ERROR, type.code())
        .body(Problem.of(type, detail, null));
  }
}
