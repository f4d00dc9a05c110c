package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.SandboxHubTest;

/** SOAP one-stop systems reach the same services, rights and log through /services/hub. */
class SoapFrontEndToEndTest extends SandboxHubTest {

  static final String CITIZEN = "001085000123";

  private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";

  private final HttpClient http = HttpClient.newHttpClient();

  private static String envelope(String client, String service, String id, String body) {
    return envelope(clientHeader(client) + serviceHeader(service) + "<xrd:id>" + id + "</xrd:id>"
        + "<xrd:userId>VN001190000777</xrd:userId><xrd:issue>HS-2026-000123</xrd:issue>", body);
  }

  static String clientHeader(String client) {
    String[] c = client.split("/");
    return """
        <xrd:client id:objectType="SUBSYSTEM"><id:xRoadInstance>%s</id:xRoadInstance><id:memberClass>%s</id:memberClass>
          <id:memberCode>%s</id:memberCode><id:subsystemCode>%s</id:subsystemCode></xrd:client>
        """.formatted(c[0], c[1], c[2], c[3]);
  }

  static String serviceHeader(String service) {
    String[] s = service.split("/");
    return """
        <xrd:service id:objectType="SERVICE"><id:xRoadInstance>%s</id:xRoadInstance><id:memberClass>%s</id:memberClass>
          <id:memberCode>%s</id:memberCode><id:subsystemCode>%s</id:subsystemCode><id:serviceCode>%s</id:serviceCode></xrd:service>
        """.formatted(s[0], s[1], s[2], s[3], s[4]);
  }

  /** An envelope with exactly these X-Road header elements and this body. */
  static String envelope(String headers, String body) {
    return """
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers"
            xmlns:hub="urn:lgsp:hub:v1">
          <soapenv:Header>%s<xrd:protocolVersion>4.0</xrd:protocolVersion></soapenv:Header>
          <soapenv:Body>%s</soapenv:Body>
        </soapenv:Envelope>
        """.formatted(headers, body);
  }

  private HttpResponse<String> soap(String token, String envelope) throws IOException, InterruptedException {
    return soap(token, "text/xml; charset=utf-8", envelope);
  }

  private HttpResponse<String> soap(String token, String contentType, String envelope)
      throws IOException, InterruptedException {
    return soap(token, contentType, envelope, "vi");
  }

  private HttpResponse<String> soap(String token, String contentType, String envelope, String language)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub"))
        .header("Content-Type", contentType)
        .header("Accept-Language", language)
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
  void eachWsdlOperationIsDocumentedInVietnameseAndEnglish() throws Exception {
    HttpResponse<byte[]> wsdl = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub?wsdl")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(wsdl.body()));
    Map<String, Map<String, String>> documented = new HashMap<>();
    NodeList portTypes = doc.getElementsByTagNameNS(WSDL, "portType");
    assertThat(portTypes.getLength()).isEqualTo(1);
    for (Node operation = portTypes.item(0).getFirstChild(); operation != null; operation = operation.getNextSibling()) {
      if (operation instanceof Element op && "operation".equals(op.getLocalName())) {
        Element documentation = (Element) op.getElementsByTagNameNS(WSDL, "documentation").item(0);
        NodeList paragraphs = documentation.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "p");
        Map<String, String> byLanguage = new HashMap<>();
        for (int i = 0; i < paragraphs.getLength(); i++) {
          Element p = (Element) paragraphs.item(i);
          byLanguage.put(p.getAttributeNS(XMLConstants.XML_NS_URI, "lang"), p.getTextContent());
        }
        documented.put(op.getAttribute("name"), byLanguage);
      }
    }
    assertThat(documented).containsKeys("citizen-info", "citizen-verify", "health-card", "account-verify", "citizen-profile");
    documented.forEach((operation, texts) -> assertThat(texts).as(operation).containsOnlyKeys("vi", "en"));
    assertThat(documented.get("citizen-info").get("vi")).startsWith("Tra cứu thông tin công dân. ");
    assertThat(documented.get("citizen-info").get("en")).startsWith("Citizen information lookup. ");
    assertThat(documented.get("tax-obligation").get("vi")).startsWith("Tra cứu nghĩa vụ thuế. ");
    assertThat(documented.get("citizen-profile").get("vi")).startsWith("Hồ sơ công dân tổng hợp. ");
  }

  @Test
  void citizenInfoOverSoapIsTheSamePersonAsOverRest() throws Exception {
    String token = hub.token(HANOI);
    String messageId = UUID.randomUUID().toString();
    HttpResponse<String> r = soap(token, envelope(HANOI, "VN/GOV/BCA/DANCU/citizen-info", messageId,
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId></hub:citizen-info>"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String fullName = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, token).send().json()
        .get("fullName").asString();
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

  @Test
  void faultStringsFollowTheCallersLanguageAndSayWhichItIs() throws Exception {
    String relayed = id();
    HttpResponse<String> denied = soap(hub.token(HCMC), "text/xml; charset=utf-8", envelope(HCMC,
        "VN/GOV/BCA/DANCU/household", relayed, "<hub:household><hub:personalId>" + CITIZEN + "</hub:personalId></hub:household>"),
        "en");
    assertThat(denied.body()).contains("<faultstring xml:lang=\"en\">no access right to VN/GOV/BCA/DANCU/household</faultstring>")
        .contains("Client.AccessDenied");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(relayed).size() == 1);

    HttpResponse<String> front = soap(hub.token(HANOI), "text/xml; charset=utf-8",
        envelope(clientHeader(HANOI) + "<xrd:id>" + id() + "</xrd:id>", CITIZEN_INFO_BODY), "en");
    assertThat(refusedAndLogged(front, "Client.InvalidRequest")).isNotBlank();
    assertThat(front.body()).contains("<faultstring xml:lang=\"en\">the X-Road service header is required</faultstring>");

    HttpResponse<String> vietnamese = soap(hub.token(HCMC), envelope(HCMC, "VN/GOV/BCA/DANCU/household", id(),
        "<hub:household><hub:personalId>" + CITIZEN + "</hub:personalId></hub:household>"));
    assertThat(vietnamese.body())
        .contains("<faultstring xml:lang=\"vi\">chưa được cấp quyền truy cập VN/GOV/BCA/DANCU/household</faultstring>");
  }

  static final String CITIZEN_INFO = "VN/GOV/BCA/DANCU/citizen-info";
  static final String CITIZEN_INFO_BODY =
      "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId></hub:citizen-info>";
  private static final Pattern FAULT_ID = Pattern.compile("<hub:xRoadId[^>]*>([^<]+)</hub:xRoadId>");

  /**
   * Asserts a SOAP fault of {@code type} that leaks nothing, and that exactly one record of it is
   * stored under the id the hub answered (in {@code X-Road-Id} and the fault); returns that id.
   */
  private String refusedAndLogged(HttpResponse<String> r, String type) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    assertThat(r.body()).contains("faultcode").contains(type).doesNotContain("Exception").doesNotContain("at org.");
    Matcher inFault = FAULT_ID.matcher(r.body());
    assertThat(inFault.find()).as("the fault names the exchange: %s", r.body()).isTrue();
    String messageId = inFault.group(1);
    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.get("errorType").asString()).isEqualTo(type);
    return messageId;
  }

  private static String id() {
    return "soap-" + UUID.randomUUID();
  }

  @Test
  void missingServiceHeaderIsRefusedAndLogged() throws Exception {
    String messageId = id();
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(clientHeader(HANOI) + "<xrd:id>" + messageId + "</xrd:id>",
        CITIZEN_INFO_BODY));
    assertThat(refusedAndLogged(r, "Client.InvalidRequest")).isEqualTo(messageId);
    assertThat(r.body()).contains("<faultstring xml:lang=\"vi\">cần có tiêu đề X-Road service</faultstring>");
  }

  @Test
  void malformedServiceHeaderIsRefusedAndLogged() throws Exception {
    String messageId = id();
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, "VN/GOV/BCA/DAN CU/citizen-info", messageId,
        CITIZEN_INFO_BODY));
    assertThat(refusedAndLogged(r, "Client.InvalidRequest")).isEqualTo(messageId);
    assertThat(r.body()).contains("tiêu đề X-Road service sai định dạng");
  }

  @Test
  void unknownServiceIsRefusedAndLoggedBeforeAuthentication() throws Exception {
    String messageId = id();
    HttpResponse<String> r = soap(null, envelope(HANOI, "VN/GOV/BCA/DANCU/no-such-service", messageId,
        "<hub:no-such-service/>"));
    assertThat(refusedAndLogged(r, "Client.UnknownService")).isEqualTo(messageId);
    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.path("serviceId").asString()).isEqualTo("VN/GOV/BCA/DANCU/no-such-service");
  }

  @Test
  void missingOrMalformedClientHeaderIsRefusedAndLogged() throws Exception {
    String missing = id();
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(serviceHeader(CITIZEN_INFO) + "<xrd:id>" + missing
        + "</xrd:id><xrd:issue>HS-2026-000123</xrd:issue>", CITIZEN_INFO_BODY));
    assertThat(refusedAndLogged(r, "Client.InvalidClientHeader")).isEqualTo(missing);

    String malformed = id();
    r = soap(hub.token(HANOI), envelope("VN/GOV/UBND HN/MOTCUA", CITIZEN_INFO, malformed, CITIZEN_INFO_BODY));
    assertThat(refusedAndLogged(r, "Client.InvalidClientHeader")).isEqualTo(malformed);
  }

  @Test
  void missingBodyElementIsRefusedAndLogged() throws Exception {
    String messageId = id();
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, CITIZEN_INFO, messageId, ""));
    assertThat(refusedAndLogged(r, "Client.InvalidRequest")).isEqualTo(messageId);
    assertThat(r.body()).contains("không chứa phần tử yêu cầu");
  }

  @Test
  void bodyNamingAnotherOperationIsRefusedNotServedAsTheHeadersService() throws Exception {
    String messageId = id();
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, CITIZEN_INFO, messageId,
        "<hub:household><hub:personalId>" + CITIZEN + "</hub:personalId></hub:household>"));
    assertThat(refusedAndLogged(r, "Client.InvalidRequest")).isEqualTo(messageId);
    assertThat(r.body()).doesNotContain("fullName").contains("thao tác của tiêu đề service");
  }

  @Test
  void malformedXmlIsRefusedAndLoggedUnderTheIdTheHubAnswers() throws Exception {
    HttpResponse<String> r = soap(hub.token(HANOI), "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soapenv:Header><xrd:id xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\">x</soapenv:Header></soapenv:Envelope>");
    String messageId = refusedAndLogged(r, "Client.InvalidXml");
    assertThat(r.headers().firstValue("X-Road-Id")).contains(messageId);
    assertThat(r.body()).contains("không phải XML hợp lệ");
  }

  @Test
  void wrongContentTypeIsRefusedAndLogged() throws Exception {
    HttpResponse<String> r = soap(hub.token(HANOI), "application/json",
        envelope(HANOI, CITIZEN_INFO, id(), CITIZEN_INFO_BODY));
    // refused before the XML is parsed: logged under the id the hub answered
    String messageId = refusedAndLogged(r, "Client.UnsupportedMediaType");
    assertThat(r.headers().firstValue("X-Road-Id")).contains(messageId);
  }

  @Test
  void malformedIdHeaderIsRefusedAndLoggedUnderANewId() throws Exception {
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, CITIZEN_INFO, "not an id!", CITIZEN_INFO_BODY));
    assertThat(refusedAndLogged(r, "Client.InvalidHeader")).isNotEqualTo("not an id!");
  }

  /** All headers valid: only the XML depth limit (32, SoapFrontConfiguration) can refuse it. */
  @Test
  void deepNestingIsRefusedByTheXmlDepthLimitItself() throws Exception {
    String messageId = id();
    String deep = "<hub:x>".repeat(40) + "y" + "</hub:x>".repeat(40);
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, CITIZEN_INFO, messageId,
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId>" + deep + "</hub:citizen-info>"));
    assertThat(refusedAndLogged(r, "Client.InvalidXml")).isEqualTo(messageId);
    assertThat(r.body()).contains("vượt quá giới hạn của nền tảng (độ sâu 32");

    // the same request within the depth limit is served: it is the depth that was refused
    String shallow = "<hub:x>".repeat(20) + "y" + "</hub:x>".repeat(20);
    HttpResponse<String> served = soap(hub.token(HANOI), envelope(HANOI, CITIZEN_INFO, id(),
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId>" + shallow + "</hub:citizen-info>"));
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
  }

  @Test
  void tooManyChildElementsAreRefusedByTheXmlLimitAndLogged() throws Exception {
    String messageId = id();
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(HANOI, CITIZEN_INFO, messageId,
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId>" + "<hub:x/>".repeat(1001)
            + "</hub:citizen-info>"));
    assertThat(refusedAndLogged(r, "Client.InvalidXml")).isEqualTo(messageId);
    assertThat(r.body()).contains("vượt quá giới hạn của nền tảng");
  }

  @Test
  void vietnameseIssueIsServedAndStoredAsSent() throws Exception {
    String messageId = id();
    String issue = "Hồ sơ HS-2026-99";
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(clientHeader(HANOI) + serviceHeader(CITIZEN_INFO)
        + "<xrd:id>" + messageId + "</xrd:id><xrd:issue>" + issue + "</xrd:issue>", CITIZEN_INFO_BODY));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(hub.awaitRecord(messageId).get("issue").asString()).isEqualTo(issue);
  }

  @Test
  void anAnswerWithoutCallerIdNamesTheExchange() throws Exception {
    HttpResponse<String> r = soap(hub.token(HANOI), envelope(clientHeader(HANOI) + serviceHeader(CITIZEN_INFO)
        + "<xrd:issue>HS-2026-000123</xrd:issue>", CITIZEN_INFO_BODY));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Matcher id = Pattern.compile("<xrd:id[^>]*>([^<]+)</xrd:id>").matcher(r.body());
    assertThat(id.find()).as(r.body()).isTrue();
    assertThat(hub.awaitRecord(id.group(1)).get("status").asInt()).isEqualTo(200);
  }
}
