package vn.lgsp.hub.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.security.AnswerSigner;

/**
 * Sees that every answer of the exchange fronts (X-Road REST {@code /r1/...}, SOAP {@code /services/...}, the
 * directory's {@code /listClients}), problems included, is signed ({@link AnswerSigner}): it marks the request
 * ({@link AnswerSigner#SIGN_ANSWER}) so that whoever writes the answer's exchange record signs it and the record
 * keeps the signature, and signs what comes back unsigned (the SOAP front's envelopes, CXF's faults). The first
 * filter of all, so that it sees the answer the caller gets, whoever wrote it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AnswerSigning extends OncePerRequestFilter {

  /** A request attribute: its answer is left unsigned (a 503 that sheds load: {@link OverloadRefusal}). */
  static final String UNSIGNED = AnswerSigning.class.getName() + ".unsigned";
  private final AnswerSigner signer;
  private final LoopbackConnector loopback;

  public AnswerSigning(AnswerSigner signer, LoopbackConnector loopback) {
    this.signer = signer;
    this.loopback = loopback;
  }

  /** Whether answers to this path are signed: the exchange fronts', not the console's, the admin API's or files. */
  static boolean signs(String path) {
    return path.startsWith("/r1/") || path.startsWith("/services/") || path.equals("/listClients");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // the path as Tomcat decoded and mapped it: /%72%31/... is served as /r1/... and must be signed as one
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    // a composite's source answers go to the composite alone, which signs what it answers (no caller sees them)
    return !signer.enabled() || !signs(path) || loopback.isFanOut(request);
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    // routes answer on their lanes, in an async dispatch: the answer is signed when that dispatch ends
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.setAttribute(AnswerSigner.SIGN_ANSWER, Boolean.TRUE);
    HttpServletResponse answer = response;
    if (WebUtils.getNativeResponse(response, Answer.class) == null) {
      answer = new Answer(response);
    }
    boolean completed = false;
    try {
      chain.doFilter(request, answer);
      completed = true;
    } finally {
      if (!isAsyncStarted(request)) {
        Answer cached = WebUtils.getNativeResponse(answer, Answer.class);
        if (cached != null) {
          try {
            // an answer the container's error page writes instead (a failure, sendError) is not signed: its
            // body is not the one seen here
            if (completed && !cached.errorSent && request.getAttribute(UNSIGNED) == null
                && !signedByTheHub(cached)) {
              sign(request, cached);
            }
          } finally {
            cached.copyBodyToResponse();
          }
        }
      }
    }
  }

  private void sign(HttpServletRequest request, Answer answer) throws IOException {
    // RFC 9530: the digest of the content sent, which for HEAD is none
    String digest = "HEAD".equals(request.getMethod()) ? ContentDigest.sha256(new byte[0])
        : ContentDigest.sha256(answer.getContentInputStream());
    signer.sign(answer.getStatus(), digest,
        name -> name.equals("Content-Type") ? answer.getContentType() : answer.getHeader(name)).headers()
        .forEach(answer::setHeader);
  }

  /** Whether the answer carries the hub's signature already (its record's writer signed it). */
  private static boolean signedByTheHub(HttpServletResponse answer) {
    String signature = answer.getHeader("Signature");
    return signature != null && signature.startsWith(AnswerSigner.LABEL + "=");
  }

  /** The answer, kept until it is signed; it knows when the container's error page takes over. */
  private static final class Answer extends ContentCachingResponseWrapper {
    private boolean errorSent;

    Answer(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      errorSent = true;
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      errorSent = true;
      super.sendError(status, message);
    }
  }
}
