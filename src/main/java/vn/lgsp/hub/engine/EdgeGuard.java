package vn.lgsp.hub.engine;

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
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The first filter every request meets, before security and routing: headers within size
 * (else 431) and free of control characters (else 400), bodies within size (else 413, read into memory once so nothing unbounded reaches a
 * parser), and no DTD in a SOAP message (else 400: the SOAP specification forbids one, and a DTD
 * is how XML external entity and entity expansion attacks begin). Each refusal is logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class EdgeGuard extends OncePerRequestFilter {

  private static final Pattern DTD = Pattern.compile("<!\\s*(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

  private final EngineProperties limits;
  private final EdgeRefusals refusals;
  private final Clock clock;

  public EdgeGuard(EngineProperties limits, EdgeRefusals refusals, Clock clock) {
    this.limits = limits;
    this.refusals = refusals;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Instant started = clock.instant();
    ProblemType headerProblem = headerProblem(request);
    if (headerProblem == ProblemType.HEADER_TOO_LARGE) {
      refusals.refuse(request, response, ProblemType.HEADER_TOO_LARGE, "headers may total at most "
          + limits.maxHeaderBytes() + " bytes, " + limits.maxHeaderValueBytes() + " each", 0, started);
      return;
    }
    if (headerProblem == ProblemType.INVALID_HEADER) {
      refusals.refuse(request, response, ProblemType.INVALID_HEADER,
          "header values must not hold control characters", 0, started);
      return;
    }
    if (request.getContentLengthLong() > limits.maxBodyBytes()) {
      refusals.refuse(request, response, ProblemType.PAYLOAD_TOO_LARGE,
          "the body exceeds " + limits.maxBodyBytes() + " bytes", request.getContentLengthLong(), started);
      return;
    }
    if (isForm(request) || !hasBody(request)) {
      // forms are parsed by the container, which bounds them (server.tomcat.max-http-form-post-size)
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(limits.maxBodyBytes() + 1);
    if (body.length > limits.maxBodyBytes()) {
      refusals.refuse(request, response, ProblemType.PAYLOAD_TOO_LARGE,
          "the body exceeds " + limits.maxBodyBytes() + " bytes", body.length, started);
      return;
    }
    if (EdgeRefusals.soap(request) && DTD.matcher(new String(body, StandardCharsets.ISO_8859_1)).find()) {
      refusals.refuse(request, response, ProblemType.INVALID_XML, "a SOAP message must not contain a DTD",
          body.length, started);
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  /**
   * In one pass over the headers: {@code HEADER_TOO_LARGE} when they or one value exceed the
   * limits, else {@code INVALID_HEADER} for a control character (other than tab) in a value, an
   * attempt to split headers or forge log lines; null when the headers are acceptable.
   */
  private ProblemType headerProblem(HttpServletRequest request) {
    long total = 0;
    boolean controlCharacter = false;
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        if (value.length() > limits.maxHeaderValueBytes()) {
          return ProblemType.HEADER_TOO_LARGE;
        }
        total += name.length() + value.length() + 4;
        controlCharacter = controlCharacter || value.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c));
      }
    }
    if (total > limits.maxHeaderBytes()) {
      return ProblemType.HEADER_TOO_LARGE;
    }
    return controlCharacter ? ProblemType.INVALID_HEADER : null;
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static boolean hasBody(HttpServletRequest request) {
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
