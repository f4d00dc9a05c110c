package vn.lgsp.hub.edge;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Tomcat refuses some requests before any filter sees them (a control character in a header, a
 * malformed request line). Its error report is this valve: the caller gets problem+json instead of
 * Tomcat's HTML page, and the refusal is logged like every other.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  /** This hub's refusals, once its context has them: one valve per hub, never shared (tests run several). */
  private final Supplier<EdgeRefusals> refusals;

  /** As Tomcat makes it by class name: Tomcat's own report until the hub adds its instance. */
  public ProblemErrorReportValve() {
    this(() -> null);
  }

  ProblemErrorReportValve(Supplier<EdgeRefusals> refusals) {
    this.refusals = refusals;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    EdgeRefusals edge = refusals.get();
    int status = response.getStatus();
    if (edge == null || status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
      super.report(request, response, throwable);
      return;
    }
    ProblemType type = status == 400 ? ProblemType.INVALID_REQUEST
        : status == 408 ? ProblemType.REQUEST_TIMEOUT
        : status == 414 ? ProblemType.URI_TOO_LONG
        : status == 431 ? ProblemType.HEADER_TOO_LARGE
        : status == 413 ? ProblemType.PAYLOAD_TOO_LARGE
        : status < 500 ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL_ERROR;
    try {
      response.resetBuffer();
      edge.refuse(request.getRequest(), response.getResponse(), type,
          status == 400 ? ProblemText.of("http.malformed") : null, 0, Instant.now());
    } catch (IOException | RuntimeException e) {
      super.report(request, response, throwable);
    }
  }
}
