package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Answers a request that found its lane full: {@code 503 Server.Hub.Overloaded} with
 * {@code Retry-After}, written at once on the request thread, and logged as an exchange record
 * like every edge refusal (the caller is not yet authenticated, so the record names the client it
 * claims).
 */
@Component
public class OverloadRefusal {

  private static final Logger log = LoggerFactory.getLogger(OverloadRefusal.class);

  private final EdgeRefusals refusals;
  private final String retryAfterSeconds;

  public OverloadRefusal(EdgeRefusals refusals, LaneProperties lanes) {
    this.refusals = refusals;
    this.retryAfterSeconds = Long.toString(Math.max(1, lanes.retryAfter().toSeconds()));
  }

  /** Refuses the request; {@code received} is when it reached the engine. */
  public void refuse(HttpServletRequest request, HttpServletResponse response, Instant received) {
    try {
      // an answer that sheds load is not signed: the hub has no CPU to spare for it, and it holds no data
      request.setAttribute(AnswerSigning.UNSIGNED, Boolean.TRUE);
      response.setHeader("Retry-After", retryAfterSeconds);
      refusals.refuse(request, response, ProblemType.HUB_OVERLOADED,
          ProblemText.of("hub.at-capacity", retryAfterSeconds), Math.max(0, request.getContentLengthLong()), received);
    } catch (IOException e) {
      log.debug("overload refusal not delivered: the caller went away");
    }
  }
}
