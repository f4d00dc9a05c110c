package vn.lgsp.hub.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.exchange.ExchangeContext;

/**
 * The exchange's span, as an OpenTelemetry collector receives it over OTLP/HTTP (WireMock stands in
 * for the collector; the OTLP protocol's own classes read the body): the caller's trace and parent,
 * the hub's span id in what registers are sent, the X-Road id, no personal ID (not even one a caller
 * put in its message id); the caller's
 * decision not to sample is honoured; without an endpoint nothing is made.
 */
class ExchangeTracingTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00f067aa0ba902b7";
  private static final String PATH = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";

  private final WireMockServer collector = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  /** The hub's tracing with no endpoint: the default. */
  static ExchangeTracing notExporting() {
    return new ExchangeTracing(new TracingProperties(null, "lgsp-hub", Duration.ofSeconds(10)),
        new HubProperties(Path.of("data"), null, "hub-test"));
  }

  @AfterEach
  void stop() {
    collector.stop();
  }

  @Test
  void aSpanChildOfTheCallersWithTheXRoadIdAndTheHubsSpanAsParentOfTheRegisterCalls() throws Exception {
    ExchangeTracing tracing = exporting();
    ExchangeContext continued = context("id-continued");
    tracing.begin(continued, "00-" + TRACE + "-" + PARENT + "-01");
    assertThat(continued.traceparent()).as("the caller's, as recorded and answered").isEqualTo("00-" + TRACE + "-" + PARENT + "-01");
    String outbound = continued.outboundTraceparent();
    tracing.end(continued, "VN/GOV/BCA/DANCU/citizen-info", 200, Instant.now());

    ExchangeContext started = context("id-started");
    tracing.begin(started, "not a traceparent");
    tracing.end(started, "VN/GOV/BCA/DANCU/citizen-info", 503, Instant.now());

    ExchangeContext dossier = context("HS-2026-001085000123");
    tracing.begin(dossier, null);
    tracing.end(dossier, "VN/GOV/BCA/DANCU/citizen-info", 200, Instant.now());

    ExchangeContext notSampled = context("id-not-sampled");
    tracing.begin(notSampled, "00-" + TRACE.replace('4', '5') + "-" + PARENT + "-00");
    tracing.end(notSampled, "VN/GOV/BCA/DANCU/citizen-info", 200, Instant.now());
    tracing.destroy();

    Map<String, Span> spans = exported().stream().collect(Collectors.toMap(s -> attribute(s, "xroad.id"), s -> s));
    assertThat(spans).as("the caller chose not to sample id-not-sampled; a message id's ID-like digits masked")
        .containsOnlyKeys("id-continued", "id-started", "HS-2026-#########");

    Span span = spans.get("id-continued");
    assertThat(hex(span.getTraceId().toByteArray())).isEqualTo(TRACE);
    assertThat(hex(span.getParentSpanId().toByteArray())).isEqualTo(PARENT);
    assertThat(outbound).as("a register's call names the hub's span as its parent")
        .isEqualTo("00-" + TRACE + "-" + hex(span.getSpanId().toByteArray()) + "-01");
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getName()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(attribute(span, "xroad.service")).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(span.getAttributesList()).anySatisfy(kv -> {
      assertThat(kv.getKey()).isEqualTo("http.response.status_code");
      assertThat(kv.getValue().getIntValue()).isEqualTo(200);
    });
    assertThat(span.getStartTimeUnixNano()).isLessThanOrEqualTo(span.getEndTimeUnixNano());

    Span root = spans.get("id-started");
    assertThat(root.getParentSpanId().isEmpty()).as("a new trace: the hub's span is its root").isTrue();
    // flags: sampled, and (W3C Trace Context level 2) a random trace id
    assertThat(started.traceparent()).startsWith("00-" + hex(root.getTraceId().toByteArray()) + "-"
        + hex(root.getSpanId().toByteArray()) + "-").matches(".*-0[13]");
    assertThat(root.getStatus().getCode()).isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);

    assertThat(notSampled.outboundTraceparent()).as("the unsampled flag travels on").endsWith("-00");
    for (LoggedRequest request : collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")))) {
      assertThat(new String(request.getBody(), StandardCharsets.ISO_8859_1)).doesNotContain("001085000123");
    }
  }

  @Test
  void withoutAnEndpointNoSpanIsMadeAndRegisterCallsGetChildrenOfTheCallersTrace() {
    ExchangeTracing tracing = notExporting();
    assertThat(tracing.exporting()).isFalse();
    ExchangeContext context = context("id-plain");
    tracing.begin(context, "00-" + TRACE + "-" + PARENT + "-01");
    assertThat(context.span()).isNull();
    assertThat(context.outboundTraceparent()).startsWith("00-" + TRACE + "-").endsWith("-01")
        .doesNotContain(PARENT);
    ExchangeContext fresh = context("id-fresh");
    tracing.begin(fresh, null);
    assertThat(fresh.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    tracing.end(fresh, "unknown", 404, Instant.now());
    tracing.destroy();
  }

  @Test
  void anEndpointThatIsNoHttpUrlIsRefusedAtStart() {
    var validator = jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
    assertThat(validator.validate(new TracingProperties("collector:4318", "lgsp-hub", Duration.ofSeconds(1))))
        .extracting(v -> v.getPropertyPath().toString()).containsExactly("otlpEndpoint");
    assertThat(validator.validate(new TracingProperties("http://collector:4318/v1/traces", "lgsp-hub",
        Duration.ofSeconds(1)))).isEmpty();
    assertThat(validator.validate(new TracingProperties("", "lgsp-hub", Duration.ofSeconds(1))))
        .as("empty, as an environment variable left blank: no traces").isEmpty();
    assertThat(new TracingProperties("", "lgsp-hub", Duration.ofSeconds(1)).exporting()).isFalse();
  }

  private ExchangeTracing exporting() {
    collector.start();
    collector.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)));
    return new ExchangeTracing(new TracingProperties(collector.baseUrl() + "/v1/traces", "lgsp-hub",
        Duration.ofSeconds(5)), new HubProperties(Path.of("data"), null, "hub-test"));
  }

  private static ExchangeContext context(String messageId) {
    return new ExchangeContext(messageId, "GET", PATH, Instant.now(), "hash", 0);
  }

  private List<Span> exported() throws Exception {
    List<Span> spans = new ArrayList<>();
    for (LoggedRequest request : collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")))) {
      ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(request.getBody());
      export.getResourceSpansList().forEach(resource -> {
        assertThat(resource.getResource().getAttributesList()).extracting(KeyValue::getKey)
            .contains("service.name", "service.instance.id");
        resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList()));
      });
    }
    return spans;
  }

  private static String attribute(Span span, String key) {
    return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
        .map(kv -> kv.getValue().getStringValue()).orElse(null);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
