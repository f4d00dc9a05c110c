package vn.lgsp.hub.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.WireMockBackendsTest;

/**
 * A lookup through the hub with tracing on: the collector (WireMock, read with the OTLP protocol's
 * own classes) receives the exchange's span in the caller's trace, and the register's call carries
 * that span as its parent, so a trace shows caller, hub and register in one line.
 */
class TracesRouteTest extends WireMockBackendsTest {

  private static final WireMockServer COLLECTOR = startCollector();

  private static WireMockServer startCollector() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)));
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @DynamicPropertySource
  static void tracing(DynamicPropertyRegistry registry) {
    registry.add("hub.tracing.otlp-endpoint", () -> COLLECTOR.baseUrl() + "/v1/traces");
  }

  @Test
  void theExchangesSpanIsExportedAndTheRegisterSeesItAsItsParent() {
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/taxpayers/.*")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"taxCode\":\"1234567893\",\"name\":\"A\"}")));
    String trace = "0af7651916cd43dd8448eb211c80319c";
    String messageId = "trace-" + UUID.randomUUID();
    Response answer = hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/1234567893").as(HANOI, hub.token(HANOI))
        .header("X-Road-Id", messageId).header("traceparent", "00-" + trace + "-b7ad6b7169203331-01").send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.header("traceparent")).isEqualTo("00-" + trace + "-b7ad6b7169203331-01");

    Span span = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> exported(messageId), Optional::isPresent).orElseThrow();
    assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray())).isEqualTo(trace);
    assertThat(HexFormat.of().formatHex(span.getParentSpanId().toByteArray())).isEqualTo("b7ad6b7169203331");
    assertThat(span.getName()).isEqualTo("VN/GOV/BTC/THUE/taxpayer");
    assertThat(span.getAttributesList()).anySatisfy(kv -> {
      assertThat(kv.getKey()).isEqualTo("xroad.client");
      assertThat(kv.getValue().getStringValue()).isEqualTo(HANOI);
    });
    List<LoggedRequest> calls = BACKEND.findAll(getRequestedFor(urlEqualTo("/tax/v1/taxpayers/1234567893")));
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).getHeader("traceparent"))
        .isEqualTo("00-" + trace + "-" + HexFormat.of().formatHex(span.getSpanId().toByteArray()) + "-01");
  }

  private static Optional<Span> exported(String messageId) throws Exception {
    for (LoggedRequest request : COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/traces")))) {
      for (var resource : ExportTraceServiceRequest.parseFrom(request.getBody()).getResourceSpansList()) {
        for (var scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            if (span.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("xroad.id")
                && kv.getValue().getStringValue().equals(messageId))) {
              return Optional.of(span);
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
