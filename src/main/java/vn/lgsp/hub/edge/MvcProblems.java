package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.lgsp.hub.ops.AdminActionRecorder;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/** Problem responses for the hub's MVC endpoints (admin, directory and data-tracker APIs). */
@RestControllerAdvice
public class MvcProblems {

  private static final Logger log = LoggerFactory.getLogger(MvcProblems.class);

  private final ProblemWriter writer;

  public MvcProblems(ProblemWriter writer) {
    this.writer = writer;
  }

  @ExceptionHandler(HubProblemException.class)
  public ResponseEntity<Problem> hubProblem(HubProblemException e, HttpServletRequest request) {
    return respond(request, e.type(), e.detail());
  }

  /** Spring's own refusals (wrong method, unreadable parameters ...) keep their status. */
  @ExceptionHandler(ErrorResponseException.class)
  public ResponseEntity<Problem> springRefusal(ErrorResponseException e, HttpServletRequest request) {
    return respond(request, ErrorProblems.forStatus(e.getStatusCode().value()), null);
  }

  @ExceptionHandler({
    org.springframework.web.HttpRequestMethodNotSupportedException.class,
    org.springframework.web.HttpMediaTypeNotSupportedException.class,
    org.springframework.web.bind.MissingServletRequestParameterException.class,
    org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
    org.springframework.web.servlet.resource.NoResourceFoundException.class,
    org.springframework.http.converter.HttpMessageNotReadableException.class
  })
  public ResponseEntity<Problem> requestRefusal(Exception e, HttpServletRequest request) {
    int status = e instanceof org.springframework.web.ErrorResponse r ? r.getStatusCode().value() : 400;
    return respond(request, ErrorProblems.forStatus(status), null);
  }

  /** The database is away (the exchange log still records, in the broker): a search must wait. */
  @ExceptionHandler({
    org.springframework.dao.DataAccessResourceFailureException.class,
    org.springframework.dao.TransientDataAccessException.class,
    org.springframework.transaction.CannotCreateTransactionException.class
  })
  public ResponseEntity<Problem> databaseAway(Exception e, HttpServletRequest request) {
    log.warn("admin endpoint without its database: {}", e.getClass().getSimpleName());
    return respond(request, ProblemType.DATABASE_UNAVAILABLE, ProblemText.of("log-database.away"));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected error in an admin endpoint: {}", e.getClass().getName());
    return respond(request, ProblemType.INTERNAL_ERROR, null);
  }

  private ResponseEntity<Problem> respond(HttpServletRequest request, ProblemType type, ProblemText detail) {
    request.setAttribute(AdminActionRecorder.ERROR_TYPE, type.code());
    return writer.entity(type, detail, CallerLanguage.of(request.getHeader(CallerLanguage.HEADER)));
  }
}
