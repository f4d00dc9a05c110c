package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.RequestHash;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.TraceContext;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.security.AnswerSigner;

/**
 * Refuses a request at the edge, before any route runs (too large, hostile XML, a path the
 * firewall rejects), and still logs it: the caller gets the same problem format (a SOAP fault on
 * the SOAP front), and the exchange log gets a record with what can be said of the caller. Nothing
 * the caller sent is echoed or logged raw.
 */
@Component
public class EdgeRefusals {

  private static final Logger log = LoggerFactory.getLogger(EdgeRefusals.class);
  private static final int MAX_PATH = 512;

  private final ExchangeLogPublisher publisher;
  private final SubjectHasher hasher;
  private final ProblemWriter writer;
  private final AnswerSigner signer;
  private final Clock clock;

  public EdgeRefusals(ExchangeLogPublisher publisher, SubjectHasher hasher, ProblemWriter writer, AnswerSigner signer,
      Clock clock) {
    this.signer = signer;
    this.publisher = publisher;
    this.hasher = hasher;
    this.writer = writer;
    this.clock = clock;
  }

  /** Answers {@code type} and records the refusal; {@code received} is how much body was read. */
  public void refuse(HttpServletRequest request, HttpServletResponse response, ProblemType type, ProblemText detail,
      long received, Instant started) throws IOException {
    String callerId = request.getHeader(XRoadHeaders.ID);
    String messageId = HeaderRules.isMessageId(callerId) ? callerId : UUID.randomUUID().toString();
    String traceparent = TraceContext.continueOrStart(request.getHeader(TraceContext.HEADER));
    Locale language = CallerLanguage.of(request.getHeader(CallerLanguage.HEADER));
    byte[] body = soap(request)
        ? writer.soapEnvelope(type, detail, messageId, language)
        : writer.json(type, detail, messageId, language);
    String path = printable(request.getRequestURI());
    // the answer's head is set first (nothing is sent before the body), so that it is signed as Tomcat sends it
    response.setStatus(type.status());
    response.setHeader(XRoadHeaders.ID, messageId);
    response.setHeader(XRoadHeaders.ERROR, type.code());
    response.setHeader(TraceContext.HEADER, traceparent);
    closeAfterAnswer(request, response);
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag());
    response.setContentType(soap(request) ? ProblemWriter.SOAP_CONTENT_TYPE : ProblemWriter.MEDIA_TYPE);
    AnswerSigner.Signed signed = null;
    if (request.getAttribute(AnswerSigner.SIGN_ANSWER) != null && request.getAttribute(AnswerSigning.UNSIGNED) == null) {
      signed = signer.sign(type.status(), ContentDigest.ofSent(request.getMethod(), body),
          name -> name.equals("Content-Type") ? response.getContentType() : response.getHeader(name));
      signed.headers().forEach(response::setHeader);
    }
    try {
      publisher.publish(ExchangeRecord.builder()
          .messageId(messageId)
          .claimedClientId(claimedClient(request))
          .method(printable(request.getMethod()))
          .path(hasher.maskIds(path))
          .status(type.status())
          .errorType(type.code())
          .requestSize(received)
          .responseSize(body.length)
          .requestInAt(started)
          .responseOutAt(clock.instant())
          .requestHash(hasher.keyRequestHash(RequestHash.of(path.getBytes(StandardCharsets.UTF_8))))
          .responseHash(RequestHash.of(body))
          .traceparent(traceparent)
          .answerSignature(signed == null ? null : signed.forRecord())
          .build());
    } catch (RuntimeException e) {
      log.error("refusal {} could not be logged ({})", type.code(), e.getClass().getSimpleName());
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /**
   * A refusal that another writer answers (the SOAP front's faults, which CXF writes): what that
   * front could tell of the caller, already checked ({@code claimedClientId} and {@code serviceId}
   * parsed identifiers or null, {@code messageId} a valid X-Road id).
   */
  public record Refusal(ProblemType type, String messageId, String claimedClientId, String serviceId, long received,
      Instant started) {}

  /** Records {@code refusal}; {@code answer} is the body the caller receives. Answers nothing. */
  public void record(HttpServletRequest request, Refusal refusal, byte[] answer) {
    String path = printable(request.getRequestURI());
    try {
      publisher.publish(ExchangeRecord.builder()
          .messageId(refusal.messageId())
          .claimedClientId(refusal.claimedClientId())
          .serviceId(refusal.serviceId())
          .method(printable(request.getMethod()))
          .path(hasher.maskIds(path))
          .status(refusal.type().status())
          .errorType(refusal.type().code())
          .requestSize(refusal.received())
          .responseSize(answer.length)
          .requestInAt(refusal.started())
          .responseOutAt(clock.instant())
          .requestHash(hasher.keyRequestHash(RequestHash.of(path.getBytes(StandardCharsets.UTF_8))))
          .responseHash(RequestHash.of(answer))
          .traceparent(TraceContext.continueOrStart(request.getHeader(TraceContext.HEADER)))
          .build());
    } catch (RuntimeException e) {
      log.error("refusal {} could not be logged ({})", refusal.type().code(), e.getClass().getSimpleName());
    }
  }

  static boolean soap(HttpServletRequest request) {
    return request.getRequestURI() != null && request.getRequestURI().startsWith("/services/");
  }

  private static String claimedClient(HttpServletRequest request) {
    String header = XRoadHeaders.client(request::getHeader);
    try {
      return header == null ? null : SubsystemId.parse(header).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Caller text as the record may keep it: printable ASCII, bounded. */
  private static String printable(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_PATH));
    for (int i = 0; i < text.length() && out.length() < MAX_PATH; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x21 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  /**
   * Asks an HTTP/1.1 client to close its connection after a refusal, since the rest of its request is not read.
   * HTTP/2 forbids the header (a client must reject the answer); there the stream ends alone, the connection stays.
   */
  static void closeAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
    if (request.getProtocol().startsWith("HTTP/1")) {
      response.setHeader("Connection", "close");
    }
  }
}
