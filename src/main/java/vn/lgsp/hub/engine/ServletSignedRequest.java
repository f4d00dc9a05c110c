package vn.lgsp.hub.engine;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import vn.lgsp.hub.security.RequestSignatures;

/** A request as the consumer sent it, for the check of its signature: the servlet's raw path, query and fields. */
record ServletSignedRequest(HttpServletRequest request, byte[] body, X509Certificate certificate)
    implements RequestSignatures.SignedRequest {

  ServletSignedRequest {
    body = body == null ? new byte[0] : body;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return request.getRequestURI();
  }

  @Override
  public String query() {
    return request.getQueryString();
  }

  @Override
  public String scheme() {
    return request.getScheme();
  }

  @Override
  public String authority() {
    return request.getHeader("Host");
  }

  @Override
  public String header(String name) {
    List<String> values = Collections.list(request.getHeaders(name));
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
