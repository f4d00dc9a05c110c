package vn.lgsp.hub.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.DA_NANG;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.WireMockBackendsTest;

/** The REST registers (tax, social insurance, bank) and the composite, against WireMock. */
class RestRegistersRouteTest extends WireMockBackendsTest {

  static final String CITIZEN = "001085000123";

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  @Test
  void taxpayerByPersonalIdOrLegacyTaxCode() {
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/taxpayers/.*"))
        .willReturn(json("{\"taxCode\":\"1234567893\",\"name\":\"Công ty TNHH Mẫu\",\"status\":\"active\"}")));
    String token = hub.token(HANOI);

    Response legacy = hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/1234567893").as(HANOI, token).send();
    assertThat(legacy.status()).as(legacy.body()).isEqualTo(200);
    assertThat(legacy.json().get("name").asString()).isEqualTo("Công ty TNHH Mẫu");
    Response branch = hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/1234567893-001").as(HANOI, token).send();
    assertThat(branch.status()).isEqualTo(200);
    Response personal = hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/" + CITIZEN).as(HANOI, token).send();
    assertThat(personal.status()).isEqualTo(200);
    BACKEND.verify(getRequestedFor(urlEqualTo("/tax/v1/taxpayers/1234567893-001")).withoutHeader("Authorization")
        .withoutHeader("X-Road-Client"));

    int calls = BACKEND.findAll(anyRequestedFor(anyUrl())).size();
    Response wrongCheckDigit = hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/1234567890").as(HANOI, token).send();
    assertThat(wrongCheckDigit.status()).isEqualTo(400);
    assertThat(wrongCheckDigit.json().get("detail").asString()).contains("chữ số kiểm tra");
    assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).hasSize(calls);
  }

  @Test
  void registerStatusesMapToProblems() {
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/obligations/.*"))
        .willReturn(json("{\"error\":\"not-found\"}").withStatus(404)));
    BACKEND.stubFor(get(urlPathMatching("/bhxh/v1/health-cards/.*"))
        .willReturn(json("{\"error\":\"boom\",\"message\":\"ORA-00942 at db-bhxh-03\"}").withStatus(500)));
    String token = hub.token(HANOI);
    Response notFound = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, token).send();
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.json().get("type").asString()).isEqualTo("Client.NotFound");
    Response failing = hub.get("/r1/VN/GOV/BHXH/BAOHIEM/health-card/" + CITIZEN).as(HANOI, token).send();
    assertThat(failing.status()).isEqualTo(503);
    assertThat(failing.body()).doesNotContain("ORA-").doesNotContain("db-bhxh");
  }

  @Test
  void theCallersTraceIsPropagatedToTheBackendAsAChildSpan() {
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/obligations/.*")).willReturn(json("{\"personalId\":\"" + CITIZEN + "\"}")));
    String trace = "0af7651916cd43dd8448eb211c80319c";
    Response r = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, hub.token(HANOI))
        .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01").send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String sent = BACKEND.findAll(getRequestedFor(urlPathMatching("/tax/v1/obligations/.*"))).get(0).getHeader("traceparent");
    assertThat(sent).startsWith("00-" + trace + "-").endsWith("-01").doesNotContain("b7ad6b7169203331");
  }

  @Test
  void slowRegisterGivesA504AtTheReadTimeoutWithoutARetry() {
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/obligations/.*")).willReturn(json("{}").withFixedDelay(4_000)));
    long started = System.nanoTime();
    Response r = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, hub.token(HANOI)).send();
    assertThat(r.status()).as(r.body()).isEqualTo(504);
    assertThat(r.json().get("type").asString()).isEqualTo("Server.Provider.Timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_500));
    BACKEND.verify(1, getRequestedFor(urlPathMatching("/tax/v1/obligations/.*")));
  }

  @Test
  void registerFailingForSeveralConsumersOpensItsBreakerAndIsThenNotCalled() {
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/obligations/.*")).willReturn(json("{}").withStatus(500)));
    String hanoi = hub.token(HANOI);
    String hcmc = hub.token(HCMC);
    for (int i = 0; i < 5; i++) {
      Response r = i % 2 == 0
          ? hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, hanoi).send()
          : hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HCMC, hcmc).send();
      assertThat(r.status()).isEqualTo(503);
    }
    assertThat(resilience.breakers().circuitBreaker("tax-register").getState().name()).isEqualTo("OPEN");
    int calls = BACKEND.findAll(getRequestedFor(urlPathMatching("/tax/v1/obligations/.*"))).size();

    Response r = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, hanoi).send();

    assertThat(r.json().get("type").asString()).isEqualTo("Server.Provider.Unavailable");
    assertThat(BACKEND.findAll(getRequestedFor(urlPathMatching("/tax/v1/obligations/.*")))).hasSize(calls);
    // another register's breaker is its own
    assertThat(resilience.breakers().circuitBreaker("social-insurance").getState().name()).isEqualTo("CLOSED");
  }

  @Test
  void failuresConfinedToOneConsumerStopThatConsumerOnly() {
    String failing = "079301000456";
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/obligations/.*")).willReturn(json("{\"items\":[]}")));
    BACKEND.stubFor(get(urlEqualTo("/tax/v1/obligations/" + failing)).willReturn(json("{}").withStatus(500)));
    String hanoi = hub.token(HANOI);
    String hcmc = hub.token(HCMC);

    // Hanoi's requests, and only Hanoi's, make the register fail: twelve times, far past the breaker's minimum
    for (int i = 0; i < 12; i++) {
      assertThat(hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + failing).as(HANOI, hanoi).send().status()).isEqualTo(503);
    }

    assertThat(resilience.breakers().circuitBreaker("tax-register").getState().name()).isEqualTo("CLOSED");
    assertThat(resilience.breakers().circuitBreaker("tax-register for " + HANOI).getState().name()).isEqualTo("OPEN");
    // Hanoi stopped itself: its calls are refused without reaching the register (4 reached it)
    BACKEND.verify(4, getRequestedFor(urlEqualTo("/tax/v1/obligations/" + failing)));
    Response hanoiAgain = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, hanoi).send();
    assertThat(hanoiAgain.json().get("type").asText()).isEqualTo("Server.Provider.Unavailable");
    BACKEND.verify(0, getRequestedFor(urlEqualTo("/tax/v1/obligations/" + CITIZEN)));
    // Ho Chi Minh City's lookups go on
    for (int i = 0; i < 5; i++) {
      Response r = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HCMC, hcmc).send();
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    BACKEND.verify(5, getRequestedFor(urlEqualTo("/tax/v1/obligations/" + CITIZEN)));
  }

  @Test
  void bankRequestsAreSignedOverMethodPathTimestampAndBody() throws Exception {
    BACKEND.stubFor(post(urlEqualTo("/bank/v1/account-verifications")).willReturn(
        signedJson("{\"match\":true}", "{\"match\":true}", bankAnswerKey(), 0)));
    String body = "{\"bankCode\":\"VCB\",\"accountNumber\":\"0011004567890\",\"personalId\":\"" + CITIZEN
        + "\",\"fullName\":\"Đỗ Công Sơn\"}";
    Response r = hub.post("/r1/VN/COM/VCB/TAIKHOAN/account-verify", body).as(HANOI, hub.token(HANOI)).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("match").asBoolean()).isTrue();

    LoggedRequest sent = BACKEND.findAll(anyRequestedFor(urlEqualTo("/bank/v1/account-verifications"))).get(0);
    assertThat(sent.getBodyAsString()).isNotEmpty();
    BACKEND.verify(anyRequestedFor(urlEqualTo("/bank/v1/account-verifications")).withRequestBody(equalToJson(body)));
    long timestamp = Long.parseLong(sent.getHeader("X-Signature-Timestamp"));
    assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
    String canonical = "POST\n/bank/v1/account-verifications\n" + timestamp + "\n"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sent.getBody()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(sent.getHeader("X-Signature")).isEqualTo(expected);
    assertThat(sent.containsHeader("Authorization")).isFalse();
  }

  @Test
  void theBanksAnswersMustCarryItsValidSignatureWhichTheRecordKeeps() throws Exception {
    String body = "{\"bankCode\":\"VCB\",\"accountNumber\":\"0011004567890\",\"personalId\":\"" + CITIZEN
        + "\",\"fullName\":\"Đỗ Công Sơn\"}";
    String yes = "{\"match\":true}";
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String stranger = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----";
    Map<String, ResponseDefinitionBuilder> refused = new LinkedHashMap<>();
    refused.put("unsigned", json(yes));
    refused.put("altered after signing", signedJson("{\"match\":false}", yes, bankAnswerKey(), 0));
    refused.put("signed by another key", signedJson(yes, yes, stranger, 0));
    refused.put("signed an hour ago", signedJson(yes, yes, bankAnswerKey(), 3600));
    refused.put("signed for another request", signedJson(yes, yes, bankAnswerKey(), 0)
        .withTransformerParameter("signedPath", "/bank/v1/other-verifications"));
    String hanoi = hub.token(HANOI);
    for (Map.Entry<String, ResponseDefinitionBuilder> answer : refused.entrySet()) {
      BACKEND.stubFor(post(urlEqualTo("/bank/v1/account-verifications")).willReturn(answer.getValue()));
      Response r = hub.post("/r1/VN/COM/VCB/TAIKHOAN/account-verify", body).as(HANOI, hanoi).send();
      assertThat(r.status()).as(answer.getKey() + ": " + r.body()).isEqualTo(502);
      assertThat(r.header("X-Road-Error")).isEqualTo("Server.Provider.InvalidSignature");
      assertThat(r.body()).doesNotContain("match");
      JsonNode record = hub.awaitRecord(r.header("X-Road-Id"));
      assertThat(record.path("errorType").asString()).isEqualTo("Server.Provider.InvalidSignature");
      assertThat(record.has("providerSignature")).isFalse();
      resilience.breakers().getAllCircuitBreakers().forEach(b -> b.reset());
    }
    BACKEND.stubFor(post(urlEqualTo("/bank/v1/account-verifications")).willReturn(signedJson(yes, yes, bankAnswerKey(), 0)));
    Response r = hub.post("/r1/VN/COM/VCB/TAIKHOAN/account-verify", body).as(HANOI, hanoi).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode record = hub.awaitRecord(r.header("X-Road-Id"));
    assertThat(record.path("providerSignature").asString(""))
        .startsWith("reg=(\"@status\" \"content-type\" \"content-digest\" \"@path\";req \"content-digest\";req);created=");
    // the hub sent the digest of its request, to which the bank's signature is bound
    LoggedRequest sent = BACKEND.findAll(anyRequestedFor(urlEqualTo("/bank/v1/account-verifications"))).get(0);
    assertThat(ContentDigest.matches(sent.getHeader("Content-Digest"), sent.getBody())).isTrue();
  }

  private void stubAllSources(int delayMillis) {
    BACKEND.stubFor(post(urlEqualTo("/population-register")).willReturn(aResponse().withFixedDelay(delayMillis)
        .withHeader("Content-Type", "text/xml; charset=utf-8")
        .withBody("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<d:GetCitizenInfoResponse xmlns:d=\"urn:vn:gov:bca:dancu:v1\"><d:citizen><d:personalId>" + CITIZEN
            + "</d:personalId><d:fullName>Đỗ Công Sơn</d:fullName><d:currentAddress><d:province>Hà Nội</d:province>"
            + "</d:currentAddress></d:citizen></d:GetCitizenInfoResponse></s:Body></s:Envelope>")));
    BACKEND.stubFor(get(urlPathMatching("/tax/v1/obligations/.*")).willReturn(
        json("{\"personalId\":\"" + CITIZEN + "\",\"hasOutstandingDebt\":false}").withFixedDelay(delayMillis)));
    BACKEND.stubFor(get(urlPathMatching("/bhxh/v1/health-cards/.*")).willReturn(
        json("{\"personalId\":\"" + CITIZEN + "\",\"cardNumber\":\"GD479\",\"valid\":true,\"registeredHospital\":\"BV\"}")
            .withFixedDelay(delayMillis)));
  }

  @Test
  void compositeCallsItsSourcesInParallelAndLogsEachAsItsOwnExchange() {
    stubAllSources(300);
    String token = hub.token(HANOI);
    hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN).as(HANOI, token).send();
    String messageId = UUID.randomUUID().toString();

    long started = System.nanoTime();
    Response r = hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN + "?include=population,tax,insurance")
        .as(HANOI, token).header("X-Road-Id", messageId).send();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode sources = r.json().get("sources");
    assertThat(sources.get("population").get("status").asString()).isEqualTo("ok");
    assertThat(sources.get("population").get("data").get("fullName").asString()).isEqualTo("Đỗ Công Sơn");
    assertThat(sources.get("tax").get("status").asString()).isEqualTo("ok");
    assertThat(sources.get("insurance").get("data").get("valid").asBoolean()).isTrue();
    // three sources of 300 ms each: in parallel the answer comes close to 300 ms, not 900
    assertThat(took).isLessThan(Duration.ofMillis(600));

    for (String section : List.of("population", "tax", "insurance")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId + ":" + section).size() == 1);
    }
    assertThat(hub.records(messageId).get(0).get("serviceId").asString()).isEqualTo("VN/GOV/LGSP/HUB/citizen-profile");
  }

  @Test
  void compositeReportsEachSourcesStatusAndAppliesTheCallersRights() {
    stubAllSources(0);
    BACKEND.stubFor(get(urlPathMatching("/bhxh/v1/health-cards/.*")).willReturn(json("{}").withStatus(503)));
    Response hanoi = hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN).as(HANOI, hub.token(HANOI)).send();
    assertThat(hanoi.status()).as(hanoi.body()).isEqualTo(200);
    assertThat(hanoi.json().get("sources").get("insurance").get("status").asString()).isEqualTo("unavailable");
    assertThat(hanoi.json().get("sources").get("tax").get("status").asString()).isEqualTo("ok");

    Response daNang = hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN + "?include=population,tax")
        .as(DA_NANG, hub.token(DA_NANG)).send();
    JsonNode sources = daNang.json().get("sources");
    assertThat(sources.get("tax").get("status").asString()).isEqualTo("denied");
    assertThat(sources.get("population").get("data").has("currentAddress")).isFalse();
    assertThat(sources.has("insurance")).isFalse();

    Response unknownSection = hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN + "?include=dreams")
        .as(HANOI, hub.token(HANOI)).send();
    assertThat(unknownSection.status()).isEqualTo(400);
  }
}
