package vn.lgsp.hub.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;
import vn.lgsp.hub.support.TestIds;

/**
 * A call in flight when its service is withdrawn finishes on the version it started with: the register
 * (WireMock, answering after 1.5 s) is still being asked when the operator withdraws the service; that call is
 * answered 200 with the register's data and recorded; the next call, begun after the withdrawal returned, is
 * 404.
 */
class WithdrawInFlightTest extends RightsChangingHubTest {

  private static final String PATH = "/r1/VN/GOV/BTC/THUE/tax-clearance-slow/v1/clearances/001085000002";

  private final WireMockServer register = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  @BeforeEach
  void start() {
    register.start();
    register.stubFor(get(urlPathMatching("/tax/v2/clearances/.*")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withFixedDelay(1500)
        .withBody("{\"personalId\": \"001085000002\", \"cleared\": true, \"certificateNumber\": \"XNT-1\"}")));
  }

  @AfterEach
  void stop() {
    register.stop();
  }

  @Test
  void aCallInFlightFinishesOnTheVersionItStartedWith() throws Exception {
    String ministry = hub.token(HubClient.FINANCE_ADMIN, "write:conf write:rights");
    String id = hub.post("/api/v1/services", submission()).bearer(ministry).send().json().get("id").asString();
    hub.post("/api/v1/services/" + id + "/submit", "{}").bearer(ministry).send();
    assertThat(hub.adminPost("/admin/api/services/" + id + "/approve", "{\"reason\": \"in flight\"}").status())
        .isEqualTo(200);
    String hanoi = hub.token(HubClient.HANOI);
    String request = hub.post("/api/v1/access-requests", "{\"service\": \"VN/GOV/BTC/THUE/tax-clearance-slow\","
        + " \"purpose\": \"x\", \"legalBasis\": {\"document\": \"47/2020/NĐ-CP\", \"article\": \"Điều 14\"},"
        + " \"validUntil\": \"" + LocalDate.now().plusDays(10) + "\"}").bearer(hanoi).send().json().get("id").asString();
    assertThat(hub.post("/api/v1/access-requests/" + request + "/grant", "{}").bearer(ministry).send().status())
        .isEqualTo(200);

    String messageId = TestIds.unique("IN-FLIGHT");
    CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH)).header("Authorization", "Bearer " + hanoi)
            .header("X-Road-Client", HubClient.HANOI).header("X-Road-Issue", "HS-2026-1").header("X-Road-Id", messageId)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> !register.getAllServeEvents().isEmpty());

    Response withdrawn = hub.adminPost("/admin/api/services/" + id + "/withdraw", "{\"reason\": \"register moved\"}");
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(answer.body()).get("certificateNumber").asString()).isEqualTo("XNT-1");
    assertThat(hub.get(PATH).as(HubClient.HANOI, hanoi).send().status()).as("gone for the next call").isEqualTo(404);
    assertThat(hub.awaitRecord(messageId).get("status").asInt()).isEqualTo(200);
  }

  private String submission() throws Exception {
    String openApi = hub.taxOpenApi();
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("provider", "VN/GOV/BTC/THUE").put("serviceCode", "tax-clearance-slow").put("version", "v1")
        .put("openApi", openApi).put("backendUrl", "http://127.0.0.1:" + register.port());
    body.putArray("operations").add("getTaxClearance");
    return body.toString();
  }
}
