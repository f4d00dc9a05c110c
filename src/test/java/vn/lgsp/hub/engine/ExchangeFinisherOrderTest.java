package vn.lgsp.hub.engine;

import vn.lgsp.hub.support.ProblemBundles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import vn.lgsp.hub.access.FieldMinimizer;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.catalog.ServiceSunsets;
import vn.lgsp.hub.audit.payload.PayloadCipher;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.security.AnswerSigner;

/**
 * The finisher's order, without Spring or HTTP: minimise the answer, hash the subject, publish the
 * record, then meter; a refused exchange is answered with its problem, and a record that cannot
 * be published withholds the answer.
 */
class ExchangeFinisherOrderTest {

  private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
  private static final SubsystemId CLIENT = SubsystemId.parse("VN/GOV/UBND-HN/MOTCUA");
  private static final ServiceId SERVICE = ServiceId.parse("VN/GOV/BCA/DANCU/citizen");
  private static final Grant GRANT = new Grant(CLIENT, SERVICE, Set.of("name"), null, null, null);
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private final FieldMinimizer minimizer = mock(FieldMinimizer.class);
  private final ExchangeLogPublisher publisher = mock(ExchangeLogPublisher.class);
  private final SubjectHasher hasher = mock(SubjectHasher.class);
  private final ExchangeMetrics metrics = mock(ExchangeMetrics.class);
  private final TrafficStatistics traffic = mock(TrafficStatistics.class);
  private final ExchangeFinisher finisher = new ExchangeFinisher(minimizer, publisher, hasher, mock(PayloadCipher.class),
      metrics, traffic, JsonMapper.builder().build(), ProblemBundles.writer(), ExchangeTracingTest.notExporting(),
      new ServiceSunsets(), mock(AnswerSigner.class), Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterAll
  static void close() throws Exception {
    CAMEL.close();
  }

  @Test
  void anAnswerIsMinimisedHashedPublishedThenMetered() {
    ObjectNode minimised = JsonNodeFactory.instance.objectNode().put("name", "A");
    when(minimizer.minimize(any(), eq(GRANT))).thenReturn(minimised);
    when(hasher.hash("001085000123")).thenReturn("hmac:subject");
    Exchange exchange = exchange(null);
    exchange.getMessage().setBody(JsonNodeFactory.instance.objectNode().put("name", "A").put("secret", "S"));

    finisher.process(exchange);

    InOrder order = inOrder(minimizer, hasher, publisher, metrics, traffic);
    order.verify(minimizer).minimize(any(), eq(GRANT));
    order.verify(hasher).hash("001085000123");
    ArgumentCaptor<ExchangeRecord> record = ArgumentCaptor.forClass(ExchangeRecord.class);
    order.verify(publisher).publish(record.capture());
    order.verify(metrics).record(any(), eq("citizen"), eq(200), anyLong());
    order.verify(traffic).record(eq("citizen"), any(), eq(200), anyLong(), eq(NOW));
    assertThat(record.getValue().subjectHash()).isEqualTo("hmac:subject");
    assertThat(record.getValue().status()).isEqualTo(200);
    assertThat(new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"A\"}");
    assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(exchange.getMessage().getHeader(XRoadHeaders.ID)).isEqualTo("msg-1");
  }

  @Test
  void aRefusedExchangeIsAnsweredWithItsProblemAndNeverMinimised() {
    Exchange exchange = exchange(ProblemType.ACCESS_DENIED);
    exchange.getMessage().setHeader("X-Backend-Secret", "leak");

    finisher.process(exchange);

    verify(minimizer, never()).minimize(any(), any());
    ArgumentCaptor<ExchangeRecord> record = ArgumentCaptor.forClass(ExchangeRecord.class);
    verify(publisher).publish(record.capture());
    assertThat(record.getValue().errorType()).isEqualTo(ProblemType.ACCESS_DENIED.code());
    assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
    assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
    assertThat(exchange.getMessage().getHeader(XRoadHeaders.ERROR)).isEqualTo(ProblemType.ACCESS_DENIED.code());
    assertThat(exchange.getMessage().getHeader("X-Backend-Secret")).isNull();
    verify(metrics).record(any(), eq("citizen"), eq(403), anyLong());
  }

  @Test
  void noRecordMeansNoAnswer() {
    when(minimizer.minimize(any(), eq(GRANT))).thenReturn(JsonNodeFactory.instance.objectNode().put("name", "A"));
    doThrow(new IllegalStateException("broker down")).when(publisher).publish(any());
    Exchange exchange = exchange(null);
    exchange.getMessage().setBody(JsonNodeFactory.instance.objectNode().put("name", "A"));

    finisher.process(exchange);

    assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE))
        .isEqualTo(ProblemType.EXCHANGE_LOG_UNAVAILABLE.status());
    assertThat(new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8))
        .contains(ProblemType.EXCHANGE_LOG_UNAVAILABLE.code()).doesNotContain("\"name\":\"A\"");
    verify(metrics).record(any(), eq("citizen"), eq(ProblemType.EXCHANGE_LOG_UNAVAILABLE.status()), anyLong());
  }

  private static Exchange exchange(ProblemType problem) {
    Exchange exchange = new DefaultExchange(CAMEL);
    exchange.getExchangeExtension().setFromRouteId("citizen");
    ExchangeContext context = new ExchangeContext("msg-1", "GET", "/citizen", NOW, "sha256:x", 0);
    context.client(CLIENT);
    context.service(SERVICE);
    context.grant(GRANT);
    context.subject("001085000123");
    context.problem(problem);
    context.attachTo(exchange);
    return exchange;
  }
}
