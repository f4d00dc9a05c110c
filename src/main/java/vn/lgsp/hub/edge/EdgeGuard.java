package vn.lgsp.hub.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lgsp.hub.protocol.FreeTextHeaders;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.engine.EngineProperties;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.security.TokenAuthenticator;
import java.security.cert.X509Certificate;

/**
 * The first filter every request meets, before security and routing: path and query string within
 * size (else 414), headers within size and each protocol header within its own limit (else 431)
 * and free of control characters, a protocol header printable text once decoded (else 400: the
 * one place these are checked), bodies within size (else 413, read into memory once so nothing unbounded reaches a
 * parser), and no DTD in a SOAP message (else 400: the SOAP specification forbids one, and a DTD
 * is how XML external entity and entity expansion attacks begin). Each refusal is logged. The
 * limits ({@link EngineProperties}) are those the exchange record holds whole, so every value a
 * caller gets past the edge reaches the record as sent (masked).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class EdgeGuard extends OncePerRequestFilter {

  private static final Pattern DTD = Pattern.compile("<!\\s*(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

  private final EngineProperties limits;
  private final EdgeRefusals refusals;
  private final BodyReads bodyReads;
  private final Clock clock;

  private final TokenAuthenticator authenticator;

  public EdgeGuard(EngineProperties limits, EdgeRefusals refusals, BodyReads bodyReads, TokenAuthenticator authenticator,
      Clock clock) {
    this.authenticator = authenticator;
    this.limits = limits;
    this.refusals = refusals;
    this.bodyReads = bodyReads;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Instant started = clock.instant();
    Refusal refusal = targetProblem(request);
    refusal = refusal != null ? refusal : headerProblem(request);
    if (refusal != null) {
      refusals.refuse(request, response, refusal.type(), refusal.detail(), 0, started);
      return;
    }
    int maxBody = limits.maxBodyBytes(request.getMethod(), request.getRequestURI());
    if (maxBody > limits.maxBodyBytes() && !authenticated(request)) {
      // the larger limit of a batch job's inputs is read only for a caller with valid credentials
      maxBody = limits.maxBodyBytes();
    }
    if (request.getContentLengthLong() > maxBody) {
      refusals.refuse(request, response, ProblemType.PAYLOAD_TOO_LARGE,
          ProblemText.of("body.too-large", maxBody), request.getContentLengthLong(), started);
      return;
    }
    if ((isForm(request) || isMultipart(request)) && !acceptsForms(request)) {
      // platform-http would turn a form's fields into message headers: no endpoint but these takes one
      refusals.refuse(request, response, ProblemType.UNSUPPORTED_MEDIA_TYPE,
          ProblemText.of("body.no-forms"), Math.max(0, request.getContentLengthLong()), started);
      return;
    }
    if (isForm(request) || !hasBody(request)) {
      // forms are parsed by the container, which bounds them (server.tomcat.max-http-form-post-size)
      chain.doFilter(request, response);
      return;
    }
    BodyReads.Result read = bodyReads.read(request.getRemoteAddr(), request.getInputStream(), maxBody);
    if (read.outcome() == BodyReads.Outcome.TOO_MANY) {
      response.setHeader("Retry-After", "1");
      refusals.refuse(request, response, ProblemType.RATE_LIMITED,
          ProblemText.of("body.too-many-slow-senders"), 0, started);
      return;
    }
    if (read.outcome() == BodyReads.Outcome.TOO_SLOW) {
      // the caller is still sending: answer and close, the rest of its body is not read
      EdgeRefusals.closeAfterAnswer(request, response);
      refusals.refuse(request, response, ProblemType.REQUEST_TIMEOUT, ProblemText.of("body.too-slow",
          bodyReads.limits().deadline().toSeconds(), bodyReads.limits().idle().toSeconds()), 0, started);
      return;
    }
    if (read.outcome() == BodyReads.Outcome.TOO_LARGE) {
      refusals.refuse(request, response, ProblemType.PAYLOAD_TOO_LARGE,
          ProblemText.of("body.too-large", maxBody), maxBody + 1L, started);
      return;
    }
    byte[] body = read.body();
    if (EdgeRefusals.soap(request) && DTD.matcher(new String(body, StandardCharsets.ISO_8859_1)).find()) {
      refusals.refuse(request, response, ProblemType.INVALID_XML, ProblemText.of("xml.no-dtd"),
          body.length, started);
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  /** Whether the request carries credentials the hub accepts (a valid token, or a client certificate of a subsystem). */
  private boolean authenticated(HttpServletRequest request) {
    Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
    X509Certificate certificate = chain instanceof X509Certificate[] certificates && certificates.length > 0
        ? certificates[0] : null;
    try {
      authenticator.authenticate(request.getHeader("Authorization"), certificate);
      return true;
    } catch (HubProblemException e) {
      return false;
    }
  }

  /** Why the edge refuses a request, as the caller is told. */
  private record Refusal(ProblemType type, ProblemText detail) {}

  /**
   * {@code URI_TOO_LONG} when the path or the query string, as sent, exceeds its limit;
   * {@code INVALID_REQUEST} for a malformed percent-escape in either, or a query parameter that
   * decodes to a control or unassigned character. Both would otherwise fail later, where the
   * request is read (Spring's path parser, the security firewall's parameter check inside the
   * route's HTTP consumer), as an unlogged 500.
   */
  private Refusal targetProblem(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path != null && path.length() > limits.maxPathChars()) {
      return new Refusal(ProblemType.URI_TOO_LONG, ProblemText.of("path.too-long", limits.maxPathChars()));
    }
    String query = request.getQueryString();
    if (query != null && query.length() > limits.maxQueryChars()) {
      return new Refusal(ProblemType.URI_TOO_LONG,
          ProblemText.of("query.too-long", limits.maxQueryChars()));
    }
    if (!wellEscaped(path) || !wellEscaped(query)) {
      return new Refusal(ProblemType.INVALID_REQUEST, ProblemText.of("uri.bad-escape"));
    }
    if (query != null && !printableParameters(query)) {
      return new Refusal(ProblemType.INVALID_REQUEST, ProblemText.of("query.control-characters"));
    }
    return null;
  }

  private static boolean wellEscaped(String text) {
    if (text == null) {
      return true;
    }
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Each decoded parameter name and value holds only assigned, non-control characters (the firewall's rule). */
  private static boolean printableParameters(String query) {
    for (String part : query.split("&")) {
      String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
      if (decoded.codePoints().anyMatch(c -> !Character.isDefined(c) || Character.isISOControl(c))) {
        return false;
      }
    }
    return true;
  }

  /**
   * In one pass over the headers: {@code HEADER_TOO_LARGE} when they, one value or a protocol
   * header's value exceed the limits, else {@code INVALID_HEADER} for a control character (other
   * than tab) in a value, an attempt to split headers or forge log lines; null when the headers are
   * acceptable.
   */
  private Refusal headerProblem(HttpServletRequest request) {
    long total = 0;
    boolean controlCharacter = false;
    boolean unprintable = false;
    for (String name : Collections.list(request.getHeaderNames())) {
      int protocolLimit = protocolLimit(name);
      for (String value : Collections.list(request.getHeaders(name))) {
        if (value.length() > limits.maxHeaderValueBytes()) {
          return tooLarge();
        }
        // free text counts as the text it stands for: percent-encoded Vietnamese is three times longer
        String text = FreeTextHeaders.isFreeText(name) ? FreeTextHeaders.decode(value) : value;
        if (text != null && text.length() > protocolLimit) {
          // the header's own name, not the caller's spelling of it
          return new Refusal(ProblemType.HEADER_TOO_LARGE, XRoadHeaders.USER_ID.equalsIgnoreCase(name)
              ? ProblemText.of("header.too-long", XRoadHeaders.USER_ID, protocolLimit)
              : ProblemText.of("header.protocol-too-long", protocolLimit));
        }
        total += name.length() + value.length() + 4;
        controlCharacter = controlCharacter || value.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c));
        // a protocol header is printable text as the gate reads it: free text decoded, no tab, not blank
        unprintable = unprintable || text != null && protocolLimit != Integer.MAX_VALUE && !HeaderRules.isPrintableText(text);
      }
    }
    if (total > limits.maxHeaderBytes()) {
      return tooLarge();
    }
    if (controlCharacter) {
      return new Refusal(ProblemType.INVALID_HEADER, ProblemText.of("header.control-characters"));
    }
    return unprintable ? new Refusal(ProblemType.INVALID_HEADER,
        ProblemText.of("header.protocol-unprintable", HeaderRules.MAX_TEXT)) : null;
  }

  private Refusal tooLarge() {
    return new Refusal(ProblemType.HEADER_TOO_LARGE,
        ProblemText.of("header.total-too-large", limits.maxHeaderBytes(), limits.maxHeaderValueBytes()));
  }

  /** The longest value the header {@code name} may have beyond the general limit; unbounded for others. */
  private int protocolLimit(String name) {
    if (XRoadHeaders.USER_ID.equalsIgnoreCase(name)) {
      return limits.maxUserIdChars();
    }
    return HeaderRules.isProtocolHeader(name) ? limits.maxProtocolHeaderChars() : Integer.MAX_VALUE;
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  /** The token server's endpoints and the console's sign-in and sign-out forms: the only form endpoints. */
  private static boolean acceptsForms(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !isMultipart(request) && path != null
        && (path.startsWith("/oauth2/") || path.equals("/console/login") || path.equals("/console/logout"));
  }

  /**
   * Whether a body may follow. HTTP/1.1 says so by its length or chunking; HTTP/2 needs neither (DATA frames
   * carry the body, the length is optional), so there a request without a length has one unless its stream
   * already ended with its headers (a GET's does).
   */
  private static boolean hasBody(HttpServletRequest request) throws IOException {
    if (!request.getProtocol().startsWith("HTTP/1")) {
      return request.getContentLengthLong() > 0
          || (request.getContentLengthLong() < 0 && !request.getInputStream().isFinished());
    }
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  /** The request with its body already read, bounded. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
