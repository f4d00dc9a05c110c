package vn.lgsp.hub.engine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.access.FieldMinimizer;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemAnswers;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.catalog.ServiceSunsets;
import vn.lgsp.hub.audit.payload.PayloadCipher;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordIds;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.RequestHash;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.TraceContext;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.security.AnswerSigner;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.catalog.RouteConventions;

/**
 * The last step of every exchange, success or failure, before the answer is written: shape the
 * answer (minimise fields or write the problem), replace all headers by the X-Road response
 * headers (nothing of the caller's request or the backend's answer leaks back), and hand the
 * exchange record to the durable log. If the record cannot be stored the caller gets a problem
 * instead of the data: no answer leaves without its evidence.
 */
@Component
public class ExchangeFinisher implements Processor {

  private static final Logger log = LoggerFactory.getLogger(ExchangeFinisher.class);
  private static final String JSON = "application/json";
  // as Tomcat writes it ("type;charset=..."): the answer is signed over the value it is sent with
  private static final String YAML = "text/yaml;charset=utf-8";
  private static final ObjectMapper YAML_WRITER = YAMLMapper.builder().build();
  private static final int NO_CONTENT = 204;

  private final FieldMinimizer minimizer;
  private final ExchangeLogPublisher publisher;
  private final SubjectHasher hasher;
  private final PayloadCipher payloads;
  private final ExchangeMetrics metrics;
  private final TrafficStatistics traffic;
  private final ObjectMapper json;
  private final ProblemAnswers problems;
  private final ExchangeTracing tracing;
  private final Clock clock;

  private final ServiceSunsets sunsets;
  private final AnswerSigner signer;

  public ExchangeFinisher(
      FieldMinimizer minimizer,
      ExchangeLogPublisher publisher,
      SubjectHasher hasher,
      PayloadCipher payloads,
      ExchangeMetrics metrics,
      TrafficStatistics traffic,
      ObjectMapper json,
      ProblemAnswers problems,
      ExchangeTracing tracing,
      ServiceSunsets sunsets,
      AnswerSigner signer,
      Clock clock) {
    this.signer = signer;
    this.tracing = tracing;
    this.sunsets = sunsets;
    this.minimizer = minimizer;
    this.publisher = publisher;
    this.hasher = hasher;
    this.payloads = payloads;
    this.metrics = metrics;
    this.traffic = traffic;
    this.json = json;
    this.problems = problems;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    ExchangeContext context = ExchangeContext.find(exchange);
    if (context == null) {
      context = fallbackContext(exchange);
    }
    Message out = exchange.getMessage();
    byte[] body;
    int status;
    if (context.problem() == null) {
      body = context.answerStatus() == NO_CONTENT ? new byte[0]
          : context.documentType() != null && out.getBody() instanceof byte[] document
          ? document : successBody(out.getBody(), context);
      status = context.problem() == null ? context.answerStatus() : context.problem().status();
    } else {
      body = problemBody(context.problem(), exchange.getProperty(ProblemResponder.DETAIL, ProblemText.class), context);
      status = context.problem().status();
    }
    String routeId = exchange.getFromRouteId();
    String serviceTag = ExchangeMetrics.serviceTag(context, routeId);
    LocalDate sunset = routeId == null ? null : sunsets.of(routeId).orElse(null);
    // the answer is written and signed first, so that its record keeps the signature
    writeResponse(out, context, status, body, sunset);
    String signature = sign(out, context, status, body);
    try {
      publisher.publish(record(context, status, body, signature));
    } catch (RuntimeException e) {
      log.error("exchange {} could not be logged ({}): answer withheld", context.messageId(), e.getClass().getName());
      context.problem(ProblemType.EXCHANGE_LOG_UNAVAILABLE);
      body = problemBody(ProblemType.EXCHANGE_LOG_UNAVAILABLE, null, context);
      status = ProblemType.EXCHANGE_LOG_UNAVAILABLE.status();
      writeResponse(out, context, status, body, sunset);
      sign(out, context, status, body);
    }
    try {
      Instant done = clock.instant();
      long nanos = Duration.between(context.requestInAt(), done).toNanos();
      metrics.record(context, routeId, status, nanos);
      if (routeId != null && !RouteConventions.UNKNOWN_SERVICE_ROUTE.equals(routeId)) {
        traffic.record(routeId, serviceTag, status, nanos, done);
      }
    } finally {
      // the span ends whatever happens after the record was published
      tracing.end(context, serviceTag, status, clock.instant());
    }
  }

  private byte[] successBody(Object answer, ExchangeContext context) {
    try {
      JsonNode tree = answer instanceof JsonNode node ? node : json.valueToTree(answer);
      JsonNode minimized = minimizer.minimize(tree, context.grant());
      return (context.yamlAnswer() ? YAML_WRITER : json).writeValueAsBytes(minimized);
    } catch (IllegalArgumentException | JacksonException e) {
      log.error("exchange {}: the route's answer is not JSON ({})", context.messageId(), e.getClass().getName());
      context.problem(ProblemType.INTERNAL_ERROR);
      return problemBody(ProblemType.INTERNAL_ERROR, null, context);
    }
  }

  private byte[] problemBody(ProblemType type, ProblemText detail, ExchangeContext context) {
    try {
      return problems.json(type, detail, context.messageId(), context.language());
    } catch (RuntimeException e) {
      log.error("exchange {}: problem {} could not be written ({})", context.messageId(), type.code(),
          e.getClass().getName());
      return ("{\"type\":\"" + type.code() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Signs the answer written on {@code out} when its front signs answers; the signature as the record keeps it. */
  private String sign(Message out, ExchangeContext c, int status, byte[] body) {
    if (!c.signAnswer() || !signer.enabled()) {
      return null;
    }
    try {
      AnswerSigner.Signed signed = signer.sign(status, ContentDigest.ofSent(c.method(), body),
          name -> out.getHeader(name, String.class));
      signed.headers().forEach(out::setHeader);
      return signed.forRecord();
    } catch (RuntimeException e) {
      // the record matters more than the signature: it goes out unsigned here, and the edge signs the answer
      log.error("exchange {}: the answer could not be signed ({})", c.messageId(), e.getClass().getName());
      return null;
    }
  }

  private ExchangeRecord record(ExchangeContext c, int status, byte[] body, String answerSignature) {
    String subject = c.subjectId();
    String service = c.service() == null ? null : c.service().toString();
    SubsystemId authenticated = c.client() != null ? c.client() : c.authenticated();
    SubsystemId claimed = c.clientHeaderForRecord();
    UUID id = RecordIds.next();
    return ExchangeRecord.builder()
        .id(id)
        .messageId(c.messageId())
        .clientId(authenticated == null ? null : authenticated.toString())
        .claimedClientId(claimed == null || claimed.equals(authenticated) ? null : claimed.toString())
        .serviceId(service)
        .userId(c.userId() == null ? null : hasher.maskIds(c.userId()))
        // a purpose may name a person (a dossier number holding a personal ID): masked like the path
        .issue(hasher.maskIds(c.issue()))
        .method(c.method())
        .path(hasher.maskIds(c.path()))
        .status(status)
        .errorType(c.problem() == null ? null : c.problem().code())
        .requestSize(c.requestSize())
        .responseSize(body.length)
        .requestInAt(c.requestInAt())
        .requestOutAt(c.requestOutAt())
        .responseInAt(c.responseInAt())
        .responseOutAt(clock.instant())
        .requestHash(hasher.keyRequestHash(c.requestHash()))
        .responseHash(RequestHash.of(body))
        .subjectHash(subject == null ? null : hasher.hash(subject))
        .traceparent(c.traceparent())
        .covertUntil(c.covertUntil())
        .reason(c.operatorNote())
        .requestSignature(c.requestSignature())
        .answerSignature(answerSignature)
        .providerSignature(c.providerSignature())
        .payload(payloads.captures(service) ? payloads.capture(service, id, c.requestPreimage(), body) : null)
        .build();
  }

  /** The answer's headers, all of them: X-Road's, and a deprecated service's sunset day (RFC 8594). */
  private static void writeResponse(Message out, ExchangeContext c, int status, byte[] body, LocalDate sunset) {
    out.removeHeaders("*");
    out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    if (status != NO_CONTENT) {
      out.setHeader(Exchange.CONTENT_TYPE, c.problem() != null ? ProblemAnswers.MEDIA_TYPE
          : c.documentType() != null ? c.documentType() : c.yamlAnswer() ? YAML : JSON);
    }
    if (c.problem() == null && c.answerLocation() != null) {
      out.setHeader("Location", c.answerLocation());
    }
    if (c.variesByAccept()) {
      out.setHeader("Vary", "Accept");
    }
    out.setHeader(XRoadHeaders.ID, c.messageId());
    out.setHeader(XRoadHeaders.REQUEST_HASH, c.requestHash());
    if (c.client() != null) {
      out.setHeader(XRoadHeaders.CLIENT, c.client().toString());
    }
    if (c.service() != null) {
      out.setHeader(XRoadHeaders.SERVICE, c.service().toString());
    }
    if (c.problem() != null) {
      out.setHeader(XRoadHeaders.ERROR, c.problem().code());
      out.setHeader(CallerLanguage.CONTENT_HEADER, c.language().toLanguageTag());
    }
    if (c.traceparent() != null) {
      out.setHeader(TraceContext.HEADER, c.traceparent());
    }
    if (c.problem() == ProblemType.RATE_LIMITED) {
      out.setHeader("Retry-After", Long.toString(Math.max(1, c.retryAfterSeconds())));
    }
    if (sunset != null) {
      out.setHeader("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(sunset.atStartOfDay(ZoneOffset.UTC)));
    }
    out.setBody(body);
  }

  private ExchangeContext fallbackContext(Exchange exchange) {
    Message in = exchange.getIn();
    ExchangeContext context =
        new ExchangeContext(
            UUID.randomUUID().toString(),
            in.getHeader(Exchange.HTTP_METHOD, "GET", String.class),
            in.getHeader(Exchange.HTTP_URI, "", String.class),
            Instant.now(clock),
            "",
            0);
    context.problem(ProblemType.INTERNAL_ERROR);
    return context;
  }
}
