package vn.lgsp.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.access.RateLimits;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.security.RequestSignatures;
import vn.lgsp.hub.security.TokenAuthenticator;
import vn.lgsp.hub.catalog.DeclaredServices;

/**
 * The gate's order, without Spring or HTTP: authenticate, authorise (maintenance, access right,
 * limits, purpose), then validate the input; each refusal stops the steps after it.
 */
class ExchangeGateOrderTest {

  private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
  private static final SubsystemId CLIENT = SubsystemId.parse("VN/GOV/UBND-HN/MOTCUA");
  private static final ServiceId SERVICE = ServiceId.parse("VN/GOV/BCA/DANCU/citizen");
  private static final String ROUTE = "citizen";
  private static final Grant GRANT = new Grant(CLIENT, SERVICE, Set.of(), null, null, null);

  private final TokenAuthenticator authenticator = mock(TokenAuthenticator.class);
  private final AccessPolicy accessPolicy = mock(AccessPolicy.class);
  private final Maintenance maintenance = mock(Maintenance.class);
  private final RateLimits rateLimits = mock(RateLimits.class);
  private final DeclaredServices declaredServices = mock(DeclaredServices.class);
  private ExchangeGate gate;

  @BeforeEach
  void gate() {
    EngineProperties limits = new EngineProperties(262_144, 16_384, 8192, 32, 1024, 2048, 64, 200, 16_777_216);
    Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    gate = new ExchangeGate(mock(ExchangeFinisher.class), authenticator, mock(RequestSignatures.class), accessPolicy,
        JsonMapper.builder().build(),
        limits, clock, maintenance, rateLimits, declaredServices, List.of(), ExchangeTracingTest.notExporting());
    when(authenticator.authenticate(anyString(), any())).thenReturn(CLIENT);
    when(declaredServices.of(ROUTE)).thenReturn(Optional.of(SERVICE));
    when(accessPolicy.grantFor(CLIENT, SERVICE)).thenReturn(Optional.of(GRANT));
    when(rateLimits.acquire(GRANT)).thenReturn(Optional.empty());
    when(accessPolicy.requiresPurpose(SERVICE)).thenReturn(true);
  }

  @AfterAll
  static void close() throws Exception {
    CAMEL.close();
  }

  @Test
  void aGoodRequestPassesEveryStepInOrderAndNamesItsSubject() {
    Exchange exchange = request("{\"personalId\":\"001085000123\"}");
    gate.process(exchange);
    InOrder order = inOrder(authenticator, declaredServices, maintenance, accessPolicy, rateLimits);
    order.verify(authenticator).authenticate(anyString(), any());
    order.verify(declaredServices).of(ROUTE);
    order.verify(maintenance).check(ROUTE);
    order.verify(accessPolicy).grantFor(CLIENT, SERVICE);
    order.verify(rateLimits).acquire(GRANT);
    ExchangeContext context = ExchangeContext.of(exchange);
    assertThat(context.client()).isEqualTo(CLIENT);
    assertThat(context.service()).isEqualTo(SERVICE);
    assertThat(context.grant()).isEqualTo(GRANT);
    assertThat(context.issue()).isEqualTo("HS-1");
    assertThat(context.subjectId()).isEqualTo("001085000123");
  }

  @Test
  void unauthenticatedCallersReachNoPolicy() {
    when(authenticator.authenticate(anyString(), any()))
        .thenThrow(new HubProblemException(ProblemType.UNAUTHENTICATED, "no token"));
    assertRefused(request("{}"), ProblemType.UNAUTHENTICATED);
    verify(maintenance, never()).check(anyString());
    verify(accessPolicy, never()).grantFor(any(), any());
  }

  @Test
  void aClientHeaderOtherThanTheCredentialsIsRefusedBeforeAuthorisation() {
    Exchange exchange = request("{}");
    exchange.getIn().setHeader(XRoadHeaders.CLIENT, "VN/GOV/OTHER/MOTCUA");
    assertRefused(exchange, ProblemType.CLIENT_MISMATCH);
    assertThat(ExchangeContext.of(exchange).authenticated()).isEqualTo(CLIENT);
    verify(accessPolicy, never()).grantFor(any(), any());
  }

  @Test
  void maintenanceComesBeforeTheAccessRight() {
    doThrow(new HubProblemException(ProblemType.HUB_MAINTENANCE, "suspended")).when(maintenance).check(ROUTE);
    assertRefused(request("{}"), ProblemType.HUB_MAINTENANCE);
    verify(accessPolicy, never()).grantFor(any(), any());
  }

  @Test
  void noAccessRightMeansNoLimitIsSpentAndNoInputIsJudged() {
    when(accessPolicy.grantFor(CLIENT, SERVICE)).thenReturn(Optional.empty());
    // an invalid body: a caller without the right must not learn the input rules
    assertRefused(request("not json"), ProblemType.ACCESS_DENIED);
    verify(rateLimits, never()).acquire(any());
  }

  @Test
  void aSpentLimitComesBeforeThePurposeAndGivesRetryAfter() {
    when(rateLimits.acquire(GRANT)).thenReturn(Optional.of(new RateLimits.Refusal("minute", 7)));
    Exchange exchange = request("{}");
    exchange.getIn().removeHeader(XRoadHeaders.ISSUE);
    assertRefused(exchange, ProblemType.RATE_LIMITED);
    assertThat(ExchangeContext.of(exchange).retryAfterSeconds()).isEqualTo(7);
    verify(accessPolicy, never()).requiresPurpose(any());
  }

  @Test
  void personalDataWithoutAPurposeIsRefusedBeforeTheInputIsRead() {
    Exchange exchange = request("not json");
    exchange.getIn().removeHeader(XRoadHeaders.ISSUE);
    assertRefused(exchange, ProblemType.MISSING_ISSUE);
  }

  @Test
  void theInputIsValidatedLast() {
    assertRefused(request("{\"personalId\":\"12345\"}"), ProblemType.INVALID_PERSONAL_ID);
    assertRefused(request("[1]"), ProblemType.INVALID_REQUEST);
    Exchange xml = request("<a/>");
    xml.getIn().setHeader(Exchange.CONTENT_TYPE, "application/xml");
    assertRefused(xml, ProblemType.UNSUPPORTED_MEDIA_TYPE);
    verify(rateLimits, org.mockito.Mockito.times(3)).acquire(GRANT);
  }

  private static Exchange request(String body) {
    Exchange exchange = new DefaultExchange(CAMEL);
    exchange.getExchangeExtension().setFromRouteId(ROUTE);
    exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
    exchange.getIn().setHeader(Exchange.HTTP_URI, "/citizen");
    exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
    exchange.getIn().setHeader("Authorization", "Bearer token");
    exchange.getIn().setHeader(XRoadHeaders.CLIENT, CLIENT.toString());
    exchange.getIn().setHeader(XRoadHeaders.ISSUE, "HS-1");
    exchange.getIn().setBody(body.getBytes(StandardCharsets.UTF_8));
    return exchange;
  }

  private void assertRefused(Exchange exchange, ProblemType type) {
    assertThatThrownBy(() -> gate.process(exchange))
        .isInstanceOfSatisfying(HubProblemException.class, e -> assertThat(e.type()).isEqualTo(type));
  }
}
