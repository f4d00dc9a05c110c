package vn.lgsp.hub.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.WireMockBackendsTest;

/**
 * The population-register routes against WireMock standing in for the ministry's SOAP backend:
 * mapping, faults, timeouts and the circuit breaker, seen from the consumer's side.
 */
class PopulationRegisterRouteTest extends WireMockBackendsTest {

  static final String CITIZEN = "001085000123";
  static final String PATH = "/population-register";

  @Autowired CamelContext camel;

  String token;

  @BeforeEach
  void setUp() {
    token = hub.token(HANOI);
  }

  private Response citizenInfo() {
    return hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, token).send();
  }

  private static String envelope(String body) {
    return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        + body
        + "</soap:Body></soap:Envelope>";
  }

  private static String fault(String detail) {
    return envelope(
        "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>java.lang.NullPointerException at"
            + " db-internal-07.bca.local</faultstring><detail>"
            + detail
            + "</detail></soap:Fault>");
  }

  @Test
  void mapsTheSoapAnswerToCanonicalJsonAndForwardsNoCallerHeaders() {
    BACKEND.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("<personalId>" + CITIZEN + "</personalId>"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml; charset=utf-8")
                    .withHeader("X-Backend-Internal", "db-internal-07")
                    .withBody(
                        envelope(
                            "<d:GetCitizenInfoResponse xmlns:d=\"urn:vn:gov:bca:dancu:v1\"><d:citizen>"
                                + "<d:personalId>001085000123</d:personalId><d:fullName>Trần Văn Bình</d:fullName>"
                                + "<d:dateOfBirth>1985-03-14</d:dateOfBirth><d:sex>male</d:sex>"
                                + "<d:permanentAddress><d:province>Hà Nội</d:province></d:permanentAddress>"
                                + "<d:currentAddress><d:province>Hà Nội</d:province></d:currentAddress>"
                                + "</d:citizen></d:GetCitizenInfoResponse>"))));
    NotifyBuilder done = new NotifyBuilder(camel).fromRoute("citizen-info").whenCompleted(1).create();

    Response r = citizenInfo();

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("fullName").asText()).isEqualTo("Trần Văn Bình");
    assertThat(r.json().get("dateOfBirth").asText()).isEqualTo("1985-03-14");
    assertThat(r.json().get("permanentAddress").get("province").asText()).isEqualTo("Hà Nội");
    assertThat(r.header("X-Backend-Internal")).isNull();
    assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
    BACKEND.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withoutHeader("Authorization")
            .withoutHeader("X-Road-Client")
            .withoutHeader("X-Road-Issue")
            .withHeader("Content-Type", matching("text/xml.*"))
            // the exchange's trace goes on to the register, as a child span
            .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-01")));
    String traceId = r.header("traceparent").substring(3, 35);
    assertThat(BACKEND.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getHeader("traceparent"))
        .startsWith("00-" + traceId + "-").isNotEqualTo(r.header("traceparent"));
  }

  @Test
  void notFoundFaultIsA404AndDoesNotTripTheBreaker() {
    BACKEND.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        fault(
                            "<d:CitizenNotFound xmlns:d=\"urn:vn:gov:bca:dancu:v1\">"
                                + "<d:personalId>x</d:personalId></d:CitizenNotFound>"))));
    for (int i = 0; i < 6; i++) {
      Response r = citizenInfo();
      assertThat(r.status()).as(r.body()).isEqualTo(404);
      assertThat(r.json().get("type").asText()).isEqualTo("Client.NotFound");
    }
    assertThat(resilience.breakers().circuitBreaker("population-register").getState().name())
        .isEqualTo("CLOSED");
  }

  @Test
  void unexpectedFaultIsAProviderProblemWithoutTheBackendsWords() {
    BACKEND.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml").withBody(fault(""))));
    Response r = citizenInfo();
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("type").asText()).isEqualTo("Server.Provider.Fault");
    assertThat(r.body()).doesNotContain("NullPointer").doesNotContain("db-internal").doesNotContain("bca.local");
  }

  @Test
  void unreadableAnswerIsAProviderFault() {
    BACKEND.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody("<html>maintenance")));
    Response r = citizenInfo();
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("type").asText()).isEqualTo("Server.Provider.Fault");
  }

  @Test
  void slowBackendGivesA504AtTheReadTimeout() {
    BACKEND.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withFixedDelay(4_000).withHeader("Content-Type", "text/xml").withBody(envelope(""))));
    long started = System.nanoTime();
    Response r = citizenInfo();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(r.status()).as(r.body()).isEqualTo(504);
    assertThat(r.json().get("type").asText()).isEqualTo("Server.Provider.Timeout");
    // a timed-out call is not retried (the backend may still be working on it)
    assertThat(took).isLessThan(Duration.ofMillis(3_500));
    BACKEND.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void openBreakerAnswersAtOnceWithoutCallingTheBackend() {
    BACKEND.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    String hcmc = hub.token(HCMC);
    // the register fails for two consumers, so its breaker opens for all
    for (int i = 0; i < 5; i++) {
      Response r = i % 2 == 0 ? citizenInfo() : hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HCMC, hcmc).send();
      assertThat(r.status()).isEqualTo(503);
    }
    assertThat(resilience.breakers().circuitBreaker("population-register").getState().name())
        .isEqualTo("OPEN");
    int callsSoFar = BACKEND.findAll(postRequestedFor(urlEqualTo(PATH))).size();

    Response r = citizenInfo();

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("type").asText()).isEqualTo("Server.Provider.Unavailable");
    assertThat(BACKEND.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(callsSoFar);
  }
}
