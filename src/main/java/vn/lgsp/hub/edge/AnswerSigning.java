package vn.lgsp.hub.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.SignatureBase;

/**
 * Signs every answer of the exchange fronts (X-Road REST {@code /r1/...}, SOAP {@code /services/...}, the
 * directory's {@code /listClients}), problems included, with HTTP Message Signatures (RFC 9421) over a
 * {@code Content-Digest} (RFC 9530) of the body: the status, the content type and digest and the X-Road headers
 * present ({@code X-Road-Id}, {@code X-Road-Request-Hash}, {@code X-Road-Client}, {@code X-Road-Service}), with the
 * time of signing and the hub's key id, so that a consumer can prove what the hub answered without the hub. The
 * key is the hub's seal key (EC P-256); its certificate is published at {@link SignatureKeys#PATH}. The first
 * filter of all, so that it sees the answer the caller gets, whoever wrote it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AnswerSigning extends OncePerRequestFilter {

  /** The label of the hub's signature in {@code Signature-Input} and {@code Signature}. */
  public static final String LABEL = "hub";
  public static final String ALGORITHM = "ecdsa-p256-sha256";
  /** A request attribute: its answer is left unsigned (a 503 that sheds load: {@link OverloadRefusal}). */
  static final String UNSIGNED = AnswerSigning.class.getName() + ".unsigned";
  private static final List<String> SIGNED_HEADERS = List.of("Content-Type", "Content-Digest", XRoadHeaders.ID,
      XRoadHeaders.REQUEST_HASH, XRoadHeaders.CLIENT, XRoadHeaders.SERVICE, XRoadHeaders.ERROR, "Content-Language",
      "Retry-After");

  private final SealKey key;
  private final Clock clock;
  private final boolean enabled;
  private final LoopbackConnector loopback;

  public AnswerSigning(SealKey key, Clock clock, SigningProperties signing, LoopbackConnector loopback) {
    this.enabled = signing.answers();
    this.loopback = loopback;
    if (!(key.certificate().getPublicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalStateException("hub.audit.seal: answers are signed with ecdsa-p256-sha256, the seal key must be EC P-256");
    }
    this.key = key;
    this.clock = clock;
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
    return !enabled || !signs(path) || loopback.isFanOut(request);
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    // routes answer on their lanes, in an async dispatch: the answer is signed when that dispatch ends
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
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
            if (completed && !cached.errorSent && request.getAttribute(UNSIGNED) == null) {
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
    answer.setHeader("Content-Digest", "HEAD".equals(request.getMethod()) ? ContentDigest.sha256(new byte[0])
        : ContentDigest.sha256(answer.getContentInputStream()));
    SignatureBase base = new SignatureBase(clock.instant().getEpochSecond(), key.keyId(), ALGORITHM)
        .cover("@status", String.valueOf(answer.getStatus()));
    for (String header : SIGNED_HEADERS) {
      String value = header.equals("Content-Type") ? answer.getContentType() : answer.getHeader(header);
      if (value != null) {
        base.cover(header, value);
      }
    }
    answer.setHeader("Signature-Input", LABEL + "=" + base.parameters());
    answer.setHeader("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(key.signP1363(base.bytes())) + ":");
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
