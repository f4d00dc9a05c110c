package vn.lgsp.hub.engine;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * Protocol values come from HTTP headers only. platform-http also turns query and form parameters
 * into message headers of the same name (and merges them with a real header), so before the gate
 * reads any, each protocol header is set again from the HTTP request itself: a value that arrived
 * only as a parameter is gone, and a header sent twice is refused rather than guessed at.
 */
final class HttpHeadersOnly {

  private HttpHeadersOnly() {}

  /** Sets the protocol headers from the HTTP request; false if one was sent more than once (refuse it). */
  static boolean apply(Message in) {
    if (!(in instanceof PlatformHttpMessage http) || http.getRequest() == null) {
      return true;
    }
    boolean once = true;
    HttpServletRequest request = http.getRequest();
    for (String name : List.copyOf(in.getHeaders().keySet())) {
      if (!isProtocolHeader(name)) {
        continue;
      }
      List<String> values = Collections.list(request.getHeaders(name));
      if (values.isEmpty()) {
        in.removeHeader(name);
      } else {
        once &= values.size() == 1;
        in.setHeader(name, values.get(0));
      }
    }
    return once;
  }

  /** One HTTP request header as sent (never a query parameter of the same name); null without one. */
  static String requestHeader(Message in, String name) {
    if (in instanceof PlatformHttpMessage http && http.getRequest() != null) {
      return http.getRequest().getHeader(name);
    }
    return in.getHeader(name, String.class);
  }

  /** X-Road headers and their aliases, and the other headers the gate reads: credentials and trace context. */
  static boolean isProtocolHeader(String name) {
    return HeaderRules.isProtocolHeader(name) || "authorization".equalsIgnoreCase(name)
        || TraceContext.HEADER.equalsIgnoreCase(name);
  }
}
