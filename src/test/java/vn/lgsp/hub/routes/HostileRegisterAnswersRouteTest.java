package vn.lgsp.hub.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.TestDataDir;
import vn.lgsp.hub.support.WireMockBackendsTest;

/**
 * A population register (WireMock) that answers hostile XML: a DTD with an external entity, and an
 * entity expansion ("billion laughs"). Each is refused as a provider problem, logged, and nothing
 * of the answer reaches the caller. (A 10 MB answer: {@link OversizedAnswersRouteTest}.)
 */
class HostileRegisterAnswersRouteTest extends WireMockBackendsTest {

  static final String CITIZEN = "001085000123";
  static final String PATH = "/population-register";

  private static String answer(String prolog, String fullName) {
    return prolog + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
        + "<d:GetCitizenInfoResponse xmlns:d=\"urn:vn:gov:bca:dancu:v1\"><d:citizen><d:personalId>" + CITIZEN
        + "</d:personalId><d:fullName>" + fullName + "</d:fullName></d:citizen></d:GetCitizenInfoResponse>"
        + "</s:Body></s:Envelope>";
  }

  /** Serves the answer, calls citizen-info, and checks the refusal, its record and that nothing leaked. */
  private void assertRefused(String hostileAnswer, String... mustNotLeak) {
    BACKEND.stubFor(post(urlEqualTo(PATH))
        .willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=utf-8").withBody(hostileAnswer)));
    String messageId = "hostile-xml-" + UUID.randomUUID();

    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, hub.token(HANOI))
        .header("X-Road-Id", messageId).send();

    assertThat(r.status()).as(r.body()).isBetween(500, 599);
    String type = r.json().get("type").asString();
    assertThat(type).startsWith("Server.Provider.");
    assertThat(r.body()).doesNotContain("DOCTYPE").doesNotContain("ENTITY").doesNotContain("lol");
    for (String secret : mustNotLeak) {
      assertThat(r.body()).doesNotContain(secret);
    }
    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.get("errorType").asString()).isEqualTo(type);
    assertThat(record.get("status").asInt()).isEqualTo(r.status());
  }

  /** The control: the same answer without a DTD is served, so the refusals below are the DTD's. */
  @Test
  void theSameAnswerWithoutADtdIsServed() {
    BACKEND.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=utf-8")
        .withBody(answer("<?xml version=\"1.0\"?>", "Đỗ Công Sơn"))));
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, hub.token(HANOI)).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("fullName").asString()).isEqualTo("Đỗ Công Sơn");
  }

  @Test
  void aDtdWithAnExternalEntityIsRefusedAndTheFileIsNotRead() throws Exception {
    Path secretFile = TestDataDir.create("xxe").resolve("secret.txt");
    Files.writeString(secretFile, "xxe-secret-4f7a");

    assertRefused(answer("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY secret SYSTEM \""
        + secretFile.toUri() + "\">]>", "&secret;"), "xxe-secret-4f7a", secretFile.toString());
  }

  @Test
  void anEntityExpansionIsRefused() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");

    assertRefused(answer(dtd.toString(), "&lol9;"));
  }

  @Test
  void anInternalSubsetWithoutEntitiesIsRefusedToo() {
    assertRefused(answer("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ELEMENT s:Envelope ANY>]>", "Đỗ Công Sơn"),
        "Đỗ Công Sơn");
  }

  /** The register's own fault: Client blames the request (the caller's fault, not counted), Server is the register's. */
  @Test
  void aClientFaultIsTheCallersAndAServerFaultTheRegisters() {
    for (String code : new String[] {"Client", "Server"}) {
      BACKEND.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)
          .withHeader("Content-Type", "text/xml; charset=utf-8")
          .withBody("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
              + "<faultcode>s:" + code + "</faultcode><faultstring>internal detail 42</faultstring></s:Fault>"
              + "</s:Body></s:Envelope>")));
      Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, hub.token(HANOI)).send();
      assertThat(r.status()).as(code + ": " + r.body()).isEqualTo("Client".equals(code) ? 400 : 503);
      assertThat(r.json().get("type").asString())
          .isEqualTo("Client".equals(code) ? "Client.InvalidRequest" : "Server.Provider.Fault");
      assertThat(r.body()).doesNotContain("internal detail 42");
    }
  }
}
