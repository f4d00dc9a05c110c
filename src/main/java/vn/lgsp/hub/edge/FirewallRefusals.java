package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Paths the security firewall refuses (traversal with {@code ..}, encoded slashes or dots,
 * semicolons, non-printable characters) are answered as problems and logged like every refusal.
 */
@Component
public class FirewallRefusals implements RequestRejectedHandler {

  private final EdgeRefusals refusals;
  private final Clock clock;

  public FirewallRefusals(EdgeRefusals refusals, Clock clock) {
    this.refusals = refusals;
    this.clock = clock;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    refusals.refuse(request, response, ProblemType.INVALID_REQUEST, ProblemText.of("path.not-acceptable"), 0,
        clock.instant());
  }
}
