package vn.lgsp.hub.engine;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.access.RateLimits;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.identity.TaxCode;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.RequestHash;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.TraceContext;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.protocol.XRoadPath;
import vn.lgsp.hub.security.AnswerSigner;
import vn.lgsp.hub.security.RequestSignatures;
import vn.lgsp.hub.security.TokenAuthenticator;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.LogContext;
import vn.lgsp.hub.exchange.RequestParameters;
import vn.lgsp.hub.catalog.DeclaredServices;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;
import vn.lgsp.hub.catalog.RouteConventions;

/**
 * The checks every published service gets before its route runs, in this order: open the
 * exchange record, authenticate, match {@code X-Road-Client} to the credentials, resolve the
 * service, check the access right, require a purpose, validate the input. Unauthorised callers
 * learn nothing about input rules, so access comes before validation.
 */
@Component
public class ExchangeGate implements Processor {

  private final FinishOnRouteDone finishOnRouteDone;
  private final TokenAuthenticator authenticator;
  private final RequestSignatures requestSignatures;
  private final AccessPolicy accessPolicy;
  private final ObjectMapper json;
  private final EngineProperties limits;
  private final Clock clock;
  private final Maintenance maintenance;
  private final RateLimits rateLimits;
  private final DeclaredServices declaredServices;
  private final ExchangeTracing tracing;
  private final Map<String, Set<String>> acceptedQueryParameters;

  public ExchangeGate(
      ExchangeFinisher finisher,
      TokenAuthenticator authenticator,
      RequestSignatures requestSignatures,
      AccessPolicy accessPolicy,
      ObjectMapper json,
      EngineProperties limits,
      Clock clock,
      Maintenance maintenance,
      RateLimits rateLimits,
      DeclaredServices declaredServices,
      List<AcceptedQueryParameters> acceptedQueryParameters,
      ExchangeTracing tracing) {
    this.finishOnRouteDone = new FinishOnRouteDone(finisher);
    this.tracing = tracing;
    this.authenticator = authenticator;
    this.requestSignatures = requestSignatures;
    this.accessPolicy = accessPolicy;
    this.json = json;
    this.limits = limits;
    this.clock = clock;
    this.maintenance = maintenance;
    this.rateLimits = rateLimits;
    this.declaredServices = declaredServices;
    this.acceptedQueryParameters = acceptedQueryParameters.stream()
        .collect(Collectors.toUnmodifiableMap(AcceptedQueryParameters::routeId, AcceptedQueryParameters::names));
  }

  @Override
  public void process(Exchange exchange) {
    ExchangeContext context = openAndAuthenticate(exchange);
    authorise(exchange, exchange.getIn(), context);
    validateInput(exchange, exchange.getIn(), context);
  }

  /**
   * The gate of metaservices (directory services): any authenticated client may use them, they
   * need no purpose and take no input, but they are authenticated and logged like services.
   */
  public Processor metaserviceGate() {
    return exchange -> {
      ExchangeContext context = openAndAuthenticate(exchange);
      context.metaservice(true);
      if (context.path().startsWith(XRoadPath.PREFIX) || declaredServices.of(exchange.getFromRouteId()).isPresent()) {
        // a directory request names a provider: one that is not well formed is an error in the request (400)
        resolveService(exchange, context, ProblemType.INVALID_REQUEST, "path.malformed-provider");
      }
      maintenance.check(exchange.getFromRouteId());
      context.userId(optionalText(exchange.getIn(), XRoadHeaders.USER_ID));
      context.issue(optionalText(exchange.getIn(), XRoadHeaders.ISSUE));
      refuseUnacceptedQueryParameters(exchange);
    };
  }

  private ExchangeContext openAndAuthenticate(Exchange exchange) {
    Message in = exchange.getIn();
    // registered before any check can fail: every exchange is finished and logged
    exchange.getExchangeExtension().addOnCompletion(finishOnRouteDone);
    boolean headerRepeated = !HttpHeadersOnly.apply(in);
    ExchangeContext context = open(exchange, in);
    if (headerRepeated) {
      throw new HubProblemException(ProblemType.INVALID_HEADER, "header.repeated");
    }
    // their size and characters were checked at the edge (edge.EdgeGuard), free text as decoded here
    LoopbackHeaders.decode(in);
    authenticate(in, context);
    return context;
  }

  /**
   * The request's body, null when it has none. A null body is not handed to Camel's converters: they look through
   * every converter they know for one from nothing, on each GET (a profile put it at 1.5 % of the hub's CPU).
   */
  private static byte[] bodyBytes(Message in) {
    return in.getBody() == null ? null : in.getBody(byte[].class);
  }

  private ExchangeContext open(Exchange exchange, Message in) {
    String callerId = in.getHeader(XRoadHeaders.ID, String.class);
    boolean idValid = callerId == null || HeaderRules.isMessageId(callerId);
    String messageId = callerId != null && idValid ? callerId : UUID.randomUUID().toString();
    String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
    String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
    String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
    String fullUri = query == null || query.isEmpty() ? uri : uri + "?" + query;
    byte[] body = bodyBytes(in);
    body = body == null ? new byte[0] : body;
    ExchangeContext context =
        new ExchangeContext(
            messageId,
            method,
            uri,
            clock.instant(),
            RequestHash.ofRequest(method, fullUri, messageId, body),
            body.length);
    context.request(fullUri, body);
    HttpServletRequest http = servletRequest(in);
    context.signAnswer(http != null && http.getAttribute(AnswerSigner.SIGN_ANSWER) != null);
    context.language(CallerLanguage.of(HttpHeadersOnly.requestHeader(in, CallerLanguage.HEADER)));
    tracing.begin(context, in.getHeader(TraceContext.HEADER, String.class));
    // a caller's message id is free to hold digits: masked like any log text
    MDC.put(LogContext.MESSAGE_ID, SubjectHasher.maskForLog(messageId));
    MDC.put(LogContext.TRACE_ID, TraceContext.traceId(context.traceparent()));
    context.attachTo(exchange);
    in.setBody(body);
    if (!idValid) {
      throw new HubProblemException(
          ProblemType.INVALID_HEADER, "header.message-id");
    }
    // the body's size was bounded at the edge (edge.EdgeGuard), the one place that checks it
    return context;
  }

  /** The HTTP request the exchange came in on, or null for one that came otherwise. */
  private static HttpServletRequest servletRequest(Message in) {
    return in instanceof PlatformHttpMessage http ? http.getRequest() : null;
  }

  /** The client certificate TLS verified for this connection, if the caller presented one. */
  private static X509Certificate clientCertificate(Message in) {
    HttpServletRequest http = servletRequest(in);
    if (http != null && http.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain
        && chain.length > 0) {
      return chain[0];
    }
    return null;
  }

  private void authenticate(Message in, ExchangeContext context) {
    String clientHeader = XRoadHeaders.client(name -> in.getHeader(name, String.class));
    // refusals name the header the caller sent: X-Road-Client or a GovStack alias of it
    String clientHeaderName = XRoadHeaders.clientHeaderName(name -> in.getHeader(name, String.class));
    context.clientHeader(clientHeader);
    SubsystemId authenticated =
        authenticator.authenticate(in.getHeader("Authorization", String.class), clientCertificate(in));
    context.authenticated(authenticated);
    SubsystemId claimed;
    try {
      claimed = SubsystemId.parse(clientHeader);
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.INVALID_CLIENT_HEADER, ProblemText.of("header.client-form", clientHeaderName));
    }
    if (!claimed.equals(authenticated)) {
      throw new HubProblemException(ProblemType.CLIENT_MISMATCH, ProblemText.of("client.not-token-subsystem", clientHeaderName));
    }
    context.client(claimed);
    HttpServletRequest http = servletRequest(in);
    if (http != null) {
      context.requestSignature(requestSignatures.verify(claimed, clientHeaderName,
          new ServletSignedRequest(http, bodyBytes(in), clientCertificate(in))));
    }
  }

  private void authorise(Exchange exchange, Message in, ExchangeContext context) {
    // read before any refusal below, so that a refused attempt's record keeps the purpose it stated
    context.userId(optionalText(in, XRoadHeaders.USER_ID));
    context.issue(optionalText(in, XRoadHeaders.ISSUE));
    SubsystemId claimed = context.client();
    ServiceId service = resolveService(exchange, context, ProblemType.UNKNOWN_SERVICE, "path.no-service");
    maintenance.check(exchange.getFromRouteId());
    Grant grant =
        accessPolicy
            .grantFor(claimed, service)
            .orElseThrow(
                () ->
                    new HubProblemException(
                        ProblemType.ACCESS_DENIED, ProblemText.of("access.no-right", service.toString())));
    context.grant(grant);
    enforce(context, grant);

    if (context.issue() == null && accessPolicy.requiresPurpose(service)) {
      throw new HubProblemException(
          ProblemType.MISSING_ISSUE,
          "issue.required");
    }
  }

  /**
   * What a right demands of each call under it, beyond existing: a signed request where it accepts only those
   * (401), and its request limits (429). Also for calls whose right a feature finds itself (an event type's).
   */
  public void enforce(ExchangeContext context, Grant grant) {
    if (grant.signedRequests() && context.requestSignature() == null) {
      throw new HubProblemException(ProblemType.INVALID_SIGNATURE, "signature.required");
    }
    rateLimits.acquire(grant).ifPresent(refusal -> {
      context.retryAfterSeconds(refusal.retryAfterSeconds());
      throw new HubProblemException(ProblemType.RATE_LIMITED,
          ProblemText.of("rate.used-up", refusal.limit()));
    });
  }

  private ServiceId resolveService(Exchange exchange, ExchangeContext context, ProblemType malformed, String malformedKey) {
    Optional<ServiceId> declared = declaredServices.of(exchange.getFromRouteId());
    if (declared.isPresent()) {
      context.service(declared.get());
      return declared.get();
    }
    XRoadPath path;
    try {
      path = XRoadPath.parse(context.path());
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(malformed, malformedKey);
    }
    context.service(path.service());
    if (RouteConventions.UNKNOWN_SERVICE_ROUTE.equals(exchange.getFromRouteId())) {
      throw new HubProblemException(
          ProblemType.UNKNOWN_SERVICE, ProblemText.of("service.no-such-endpoint", path.service().toString()));
    }
    return path.service();
  }

  /** An optional protocol header; the edge refused it unless it is printable text. */
  private static String optionalText(Message in, String header) {
    return in.getHeader(header, String.class);
  }

  /**
   * Query parameters the route does not declare are refused, so the only subject a request can
   * name is the one the route reads: its path parameter, its body's field or its declared query
   * parameter, never a second one beside it.
   */
  private void refuseUnacceptedQueryParameters(Exchange exchange) {
    Set<String> accepted = acceptedQueryParameters.getOrDefault(exchange.getFromRouteId(), Set.of());
    for (String name : RequestParameters.queryParameters(exchange).keySet()) {
      if (!accepted.contains(name)) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, accepted.isEmpty()
            ? ProblemText.of("query.none-accepted")
            : ProblemText.of("query.unknown", String.join(", ", new java.util.TreeSet<>(accepted))));
      }
    }
  }

  private void validateInput(Exchange exchange, Message in, ExchangeContext context) {
    refuseUnacceptedQueryParameters(exchange);
    if (context.requestSize() > 0 && !"POST".equals(context.method()) && !"PUT".equals(context.method())) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("body.not-allowed", context.method()));
    }
    if (RequestParameters.declaresPathParameter(exchange, RouteConventions.SUBJECT_PARAMETER)) {
      context.subject(requirePersonalId(in.getHeader(RouteConventions.SUBJECT_PARAMETER, String.class)));
    } else {
      String queried = RequestParameters.queryParameter(exchange, RouteConventions.SUBJECT_PARAMETER);
      if (queried != null) {
        context.subject(requirePersonalId(queried));
      }
    }
    if (RequestParameters.declaresPathParameter(exchange, RouteConventions.TAX_SUBJECT_PARAMETER)) {
      String taxId = in.getHeader(RouteConventions.TAX_SUBJECT_PARAMETER, String.class);
      ProblemText problem = TaxCode.problemWith(taxId);
      if (problem != null) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, problem);
      }
      context.subject(taxId);
    }
    byte[] body = in.getBody(byte[].class);
    if (body.length == 0) {
      return;
    }
    if (context.subjectId() != null) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST,
          "body.subject-in-path");
    }
    String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
    if (!contentType.toLowerCase().startsWith("application/json")) {
      throw new HubProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "body.json-only");
    }
    JsonNode document;
    try {
      document = json.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST,
          ProblemText.of("body.json-too-deep", limits.maxJsonDepth()));
    } catch (JacksonException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "body.not-json");
    }
    if (document == null || !document.isObject()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "body.not-object");
    }
    JsonNode subject = document.get(RouteConventions.SUBJECT_PARAMETER);
    if (subject != null) {
      context.subject(requirePersonalId(subject.isString() ? subject.asString("") : null));
    }
    in.setBody(document);
  }

  private String requirePersonalId(String value) {
    ProblemText problem = PersonalId.problemWith(value, clock.instant().atZone(java.time.ZoneOffset.UTC).getYear());
    if (problem != null) {
      throw new HubProblemException(ProblemType.INVALID_PERSONAL_ID, problem);
    }
    return value;
  }
}
