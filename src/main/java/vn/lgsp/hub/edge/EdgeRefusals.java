package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.RequestHash;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.TraceContext;
import vn.lgsp.hub.protocol.XRoadHeaders;

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
  private final ObjectMapper json;
  private final Clock clock;

  public EdgeRefusals(ExchangeLogPublisher publisher, SubjectHasher hasher, ObjectMapper json, Clock clock) {
    this.publisher = publisher;
    this.hasher = hasher;
    this.json = json;
    this.clock = clock;
  }

  /** Answers {@code type} and records the refusal; {@code received} is how much body was read. */
  public void refuse(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail,
      long received, Instant started) throws IOException {
    String callerId = request.getHeader(XRoadHeaders.ID);
    String messageId = HeaderRules.isMessageId(callerId) ? callerId : UUID.randomUUID().toString();
    String traceparent = TraceContext.continueOrStart(request.getHeader(TraceContext.HEADER));
    byte[] body = soap(request) ? soapFault(type, detail, messageId) : json.writeValueAsBytes(Problem.of(type, detail, messageId));
    String path = printable(request.getRequestURI());
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
          .build());
    } catch (RuntimeException e) {
      log.error("refusal {} could not be logged ({})", type.code(), e.getClass().getSimpleName());
    }
    response.setStatus(type.status());
    response.setHeader(XRoadHeaders.ID, messageId);
    response.setHeader(XRoadHeaders.ERROR, type.code());
    response.setHeader(TraceContext.HEADER, traceparent);
    response.setHeader("Connection", "close");
    response.setContentType(soap(request) ? "text/xml; charset=utf-8" : Problem.MEDIA_TYPE);
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

  private static byte[] soapFault(ProblemType type, String detail, String messageId) {
    String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
        + "<faultcode>soap:" + type.code() + "</faultcode><faultstring>" + escape(detail == null ? type.title() : detail)
        + "</faultstring><detail><hub:problem xmlns:hub=\"urn:lgsp:hub:v1\"><hub:type>" + type.code() + "</hub:type>"
        + "<hub:status>" + type.status() + "</hub:status><hub:xRoadId>" + escape(messageId) + "</hub:xRoadId>"
        + "</hub:problem></detail></soap:Fault></soap:Body></soap:Envelope>";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
