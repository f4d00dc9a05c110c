package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.SandboxHubTest;

/** SOAP one-stop systems reach the same services, rights and log through /services/hub. */
class SoapFrontEndToEndTest extends SandboxHubTest {

  static final String CITIZEN = "001085000123";

  private final HttpClient http = HttpClient.newHttpClient();

  private static String envelope(String client, String service, String id, String body) {
    String[] c = client.split("/");
    String[] s = service.split("/");
    return """
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers"
            xmlns:hub="urn:lgsp:hub:v1">
          <soapenv:Header>
            <xrd:client id:objectType="SUBSYSTEM"><id:xRoadInstance>%s</id:xRoadInstance><id:memberClass>%s</id:memberClass>
              <id:memberCode>%s</id:memberCode><id:subsystemCode>%s</id:subsystemCode></xrd:client>
            <xrd:service id:objectType="SERVICE"><id:xRoadInstance>%s</id:xRoadInstance><id:memberClass>%s</id:memberClass>
              <id:memberCode>%s</id:memberCode><id:subsystemCode>%s</id:subsystemCode><id:serviceCode>%s</id:serviceCode></xrd:service>
            <xrd:id>%s</xrd:id>
            <xrd:userId>VN001190000777</xrd:userId>
            <xrd:issue>HS-2026-000123</xrd:issue>
            <xrd:protocolVersion>4.0</xrd:protocolVersion>
          </soapenv:Header>
          <soapenv:Body>%s</soapenv:Body>
        </soapenv:Envelope>
        """.formatted(c[0], c[1], c[2], c[3], s[0], s[1], s[2], s[3], s[4], id, body);
  }

  private HttpResponse<String> soap(String token, String envelope) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub"))
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"\"")
        .POST(HttpRequest.BodyPublishers.ofString(envelope));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void wsdlIsServedWithAnOperationPerService() throws Exception {
    HttpResponse<String> wsdl = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub?wsdl")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wsdl.statusCode()).isEqualTo(200);
    assertThat(wsdl.body()).contains("wsdl:definitions").contains("name=\"citizen-info\"").contains("name=\"citizen-verify\"");
  }

  @Test
  void citizenInfoOverSoapIsTheSamePersonAsOverRest() throws Exception {
    String token = hub.token(HANOI);
    String messageId = UUID.randomUUID().toString();
    HttpResponse<String> r = soap(token, envelope(HANOI, "VN/GOV/BCA/DANCU/citizen-info", messageId,
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId></hub:citizen-info>"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String fullName = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, token).send().json()
        .get("fullName").asText();
    assertThat(r.body()).contains("citizen-infoResponse").contains("<hub:fullName>" + fullName + "</hub:fullName>")
        .contains(messageId + "</xrd:id>");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId).size() == 1);
    assertThat(hub.records(messageId).get(0).get("status").asInt()).isEqualTo(200);
  }

  @Test
  void verifyOverSoapPostsTheInputs() throws Exception {
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, "VN/GOV/BCA/DANCU/citizen-verify", "v-1",
        "<hub:citizen-verify><hub:personalId>" + CITIZEN + "</hub:personalId><hub:fullName>Nobody</hub:fullName>"
            + "<hub:dateOfBirth>1985-01-01</hub:dateOfBirth></hub:citizen-verify>"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("<hub:match>false</hub:match>").contains("<hub:mismatchedFields>fullName</hub:mismatchedFields>");
  }

  @Test
  void refusalsAreSoapFaultsWithTheSameProblemTypesAndAreLogged() throws Exception {
    HttpResponse<String> anonymous = soap(null, envelope(HANOI, "VN/GOV/BCA/DANCU/citizen-info", "a-1",
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId></hub:citizen-info>"));
    assertThat(anonymous.statusCode()).isEqualTo(500);
    assertThat(anonymous.body()).contains("Client.Unauthenticated").doesNotContain("Exception");

    String messageId = UUID.randomUUID().toString();
    HttpResponse<String> denied = soap(hub.token(HCMC), envelope(HCMC, "VN/GOV/BCA/DANCU/household", messageId,
        "<hub:household><hub:personalId>" + CITIZEN + "</hub:personalId></hub:household>"));
    assertThat(denied.statusCode()).isEqualTo(500);
    assertThat(denied.body()).contains("faultcode").contains("Client.AccessDenied").contains(messageId);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId).size() == 1);

    HttpResponse<String> invalid = soap(hub.token(HANOI), envelope(HANOI, "VN/GOV/BCA/DANCU/citizen-info", "i-1",
        "<hub:citizen-info><hub:personalId>12345</hub:personalId></hub:citizen-info>"));
    assertThat(invalid.body()).contains("Client.InvalidPersonalId");
  }
}
