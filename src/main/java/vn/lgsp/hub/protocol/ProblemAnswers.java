package vn.lgsp.hub.protocol;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * How a room below the edge answers with a problem: it names the type and the detail, and the
 * edge's one writer ({@code edge.ProblemWriter}) turns them into the body, in the caller's
 * language. Declared here so that the engine and the security filters need not know the edge.
 */
public interface ProblemAnswers {

  String MEDIA_TYPE = "application/problem+json";

  /** The problem+json body. {@code detail} and {@code messageId} may be null. */
  byte[] json(ProblemType type, ProblemText detail, String messageId, Locale language);

  /** Writes the problem as the whole response: status, {@code X-Road-Error}, {@code X-Road-Id}, body. */
  void send(HttpServletResponse response, ProblemType type, ProblemText detail, String messageId, Locale language)
      throws IOException;
}
