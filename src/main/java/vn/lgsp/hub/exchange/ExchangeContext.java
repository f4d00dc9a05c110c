package vn.lgsp.hub.exchange;

import java.time.Instant;
import java.util.Locale;
import org.apache.camel.Exchange;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.RequestHash;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * What the hub knows about one exchange as it moves along the request path; it becomes the
 * exchange record at the end. Kept as one exchange property so that steps on other threads see it.
 * The subject ID is held in memory only, the record gets its keyed hash.
 */
public final class ExchangeContext {

  public static final String PROPERTY = "hub.exchangeContext";

  private final String messageId;
  private final String method;
  private final String path;
  private final Instant requestInAt;
  private final String requestHash;
  private final long requestSize;
  private String clientHeader;
  private SubsystemId client;
  private SubsystemId authenticated;
  private ServiceId service;
  private String userId;
  private String issue;
  private String subjectId;
  private Grant grant;
  private Instant requestOutAt;
  private Instant responseInAt;
  private ProblemType problem;
  private String fullUri;
  private byte[] requestBody;
  private String traceparent;
  private ExchangeSpan span;
  private long retryAfterSeconds;
  private boolean metaservice;
  private boolean yamlAnswer;
  private boolean variesByAccept;
  private int answerStatus = 200;
  private String answerLocation;
  private String documentType;
  private java.time.LocalDate covertUntil;
  private String operatorNote;
  private boolean signAnswer;
  private volatile String requestSignature;
  private volatile String providerSignature;
  private Locale language = CallerLanguage.VIETNAMESE;

  public ExchangeContext(
      String messageId,
      String method,
      String path,
      Instant requestInAt,
      String requestHash,
      long requestSize) {
    this.messageId = messageId;
    this.method = method;
    this.path = path;
    this.requestInAt = requestInAt;
    this.requestHash = requestHash;
    this.requestSize = requestSize;
  }

  /** The context of an exchange that passed the engine's gate. */
  public static ExchangeContext of(Exchange exchange) {
    ExchangeContext context = find(exchange);
    if (context == null) {
      throw new IllegalStateException("exchange did not pass the gate: no exchange context");
    }
    return context;
  }

  public static ExchangeContext find(Exchange exchange) {
    return exchange.getProperty(PROPERTY, ExchangeContext.class);
  }

  public void attachTo(Exchange exchange) {
    exchange.setProperty(PROPERTY, this);
  }

  /** The language the caller reads its problems in (from {@code Accept-Language}). */
  public Locale language() {
    return language;
  }

  public void language(Locale language) {
    this.language = language;
  }

  /** The request as received, kept in memory for payload capture (never logged as is). */
  public void request(String uri, byte[] body) {
    this.fullUri = uri;
    this.requestBody = body;
  }

  /** What the request hash covers, for services that capture payloads. */
  public byte[] requestPreimage() {
    return RequestHash.preimage(method, fullUri == null ? path : fullUri, messageId,
        requestBody == null ? new byte[0] : requestBody);
  }

  /** A metaservice (directory) exchange: its path names a provider the caller chose, not a route's service. */
  public boolean metaservice() {
    return metaservice;
  }

  public void metaservice(boolean value) {
    this.metaservice = value;
  }

  /** The answer goes out as YAML ({@code text/yaml}), the caller having asked for it; JSON otherwise. */
  public boolean yamlAnswer() {
    return yamlAnswer;
  }

  public void yamlAnswer(boolean value) {
    this.yamlAnswer = value;
  }

  /** The answer's format depends on the caller's {@code Accept} (the answer says so: {@code Vary: Accept}). */
  public boolean variesByAccept() {
    return variesByAccept;
  }

  public void variesByAccept(boolean value) {
    this.variesByAccept = value;
  }

  /** The status of a successful answer: 200 unless the route said otherwise (201, 202, 204). */
  public int answerStatus() {
    return answerStatus;
  }

  /** Where the answer points the caller ({@code Location}), or null. */
  public String answerLocation() {
    return answerLocation;
  }

  /** A successful answer other than 200: 201 (created), 202 (accepted, to follow at {@code location}), 204 (no body). */
  public void answerStatus(int status, String location) {
    this.answerStatus = status;
    this.answerLocation = location;
  }

  /**
   * The media type of an answer the route wrote whole (a download of many lines), sent as the
   * route's bytes; null for the usual JSON answer, which the finisher minimises and writes.
   */
  public String documentType() {
    return documentType;
  }

  public void documentType(String mediaType) {
    this.documentType = mediaType;
  }

  /**
   * Until when the data tracker hides this exchange: the right's covert date. From the grant when the gate found
   * one; set here by a feature that checked a right of its own without minimising the answer by it.
   */
  public java.time.LocalDate covertUntil() {
    return grant != null ? grant.covertUntil() : covertUntil;
  }

  public void covertUntil(java.time.LocalDate day) {
    this.covertUntil = day;
  }

  /** When a limit refused the exchange: after how many seconds the caller may retry. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public void retryAfterSeconds(long seconds) {
    this.retryAfterSeconds = seconds;
  }

  /** The W3C trace context of this exchange; connectors pass a child of it to backends. */
  public String traceparent() {
    return traceparent;
  }

  public void traceparent(String value) {
    this.traceparent = value;
  }

  /** The hub's exported span of this exchange, or null when no traces are exported. */
  public ExchangeSpan span() {
    return span;
  }

  public void span(ExchangeSpan value) {
    this.span = value;
  }

  /**
   * The traceparent for a call this exchange makes: the caller's trace with the hub's exported span
   * as parent, or with a new span id when no traces are exported.
   */
  public String outboundTraceparent() {
    if (traceparent == null) {
      return null;
    }
    return span == null ? TraceContext.child(traceparent) : TraceContext.withParent(traceparent, span.spanId());
  }

  /** A connector marks the provider call so the record shows time spent in the backend. */
  public void providerCalled(Instant requestOut, Instant responseIn) {
    if (requestOutAt == null) {
      requestOutAt = requestOut;
    }
    responseInAt = responseIn;
  }

  /**
   * A note for operators, kept in the record's {@code reason}: what a step did that only an
   * operator may learn (the data tracker hiding covert usages). Consumers never see it.
   */
  public void operatorNote(String note) {
    this.operatorNote = note;
  }

  public String operatorNote() {
    return operatorNote;
  }

  /** Whether the answer is signed (an exchange front's, as the edge marked the request) when it is finished. */
  public boolean signAnswer() {
    return signAnswer;
  }

  public void signAnswer(boolean value) {
    this.signAnswer = value;
  }

  /** The consumer's verified signature of its request, as the record keeps it; null when it did not sign. */
  public String requestSignature() {
    return requestSignature;
  }

  public void requestSignature(String signature) {
    this.requestSignature = signature;
  }

  /** The register's verified signature of its answer, as the record keeps it; null when it does not sign. */
  public String providerSignature() {
    return providerSignature;
  }

  public void providerSignature(String signature) {
    this.providerSignature = signature;
  }

  /** Steps that find the personal ID an exchange concerns report it here (held in memory only). */
  public void subject(String personalId) {
    this.subjectId = personalId;
  }

  public String messageId() {
    return messageId;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public Instant requestInAt() {
    return requestInAt;
  }

  public String requestHash() {
    return requestHash;
  }

  public long requestSize() {
    return requestSize;
  }

  public String clientHeader() {
    return clientHeader;
  }

  public void clientHeader(String value) {
    this.clientHeader = value;
  }

  /**
   * The claimed client of an exchange that failed before authentication, kept in the record only
   * when it is a well-formed identifier (it is caller-controlled text).
   */
  public SubsystemId clientHeaderForRecord() {
    try {
      return clientHeader == null ? null : SubsystemId.parse(clientHeader);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Who the credentials named, even when the call was refused because X-Road-Client differs. */
  public SubsystemId authenticated() {
    return authenticated;
  }

  public void authenticated(SubsystemId value) {
    this.authenticated = value;
  }

  public SubsystemId client() {
    return client;
  }

  public void client(SubsystemId value) {
    this.client = value;
  }

  public ServiceId service() {
    return service;
  }

  public void service(ServiceId value) {
    this.service = value;
  }

  public String userId() {
    return userId;
  }

  public void userId(String value) {
    this.userId = value;
  }

  public String issue() {
    return issue;
  }

  public void issue(String value) {
    this.issue = value;
  }

  public String subjectId() {
    return subjectId;
  }

  public Grant grant() {
    return grant;
  }

  public void grant(Grant value) {
    this.grant = value;
  }

  public Instant requestOutAt() {
    return requestOutAt;
  }

  public Instant responseInAt() {
    return responseInAt;
  }

  public ProblemType problem() {
    return problem;
  }

  public void problem(ProblemType value) {
    this.problem = value;
  }
}
