package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.security.TokenAuthenticator;

/**
 * Who calls the hub's own API ({@code /api/v1}): a client subsystem with its token (or client
 * certificate), as for service calls; the caller is the actor of the action's record.
 */
@Component
public class ApiCallers {

  private final TokenAuthenticator authenticator;

  public ApiCallers(TokenAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  public TokenAuthenticator.Caller caller(HttpServletRequest http) {
    X509Certificate[] chain = (X509Certificate[]) http.getAttribute("jakarta.servlet.request.X509Certificate");
    TokenAuthenticator.Caller caller =
        authenticator.caller(http.getHeader(HttpHeaders.AUTHORIZATION), chain == null ? null : chain[0]);
    http.setAttribute(AdminActionRecorder.ACTOR, caller.subsystem().toString());
    return caller;
  }

  /** The caller, if its token carries the scope; else 403. */
  public TokenAuthenticator.Caller withScope(HttpServletRequest http, String scope, String refusal) {
    TokenAuthenticator.Caller caller = caller(http);
    if (!caller.scopes().contains(scope)) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, refusal);
    }
    return caller;
  }

  /** The member a subsystem belongs to, e.g. {@code VN/GOV/BTC} for {@code VN/GOV/BTC/QUANTRI}. */
  public static String member(SubsystemId subsystem) {
    return subsystem.instance() + "/" + subsystem.memberClass() + "/" + subsystem.memberCode();
  }
}
