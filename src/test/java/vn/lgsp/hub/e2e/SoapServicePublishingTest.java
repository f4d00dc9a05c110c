package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;

/**
 * A SOAP register published at runtime from its WSDL: the police ministry's administrator submits the
 * population register's WSDL (the file the hub's own connector uses) with two of its operations; the draft
 * is a SOAP connector and two JSON routes; approved, granted to Hanoi by an access request, the register
 * answers through CXF as canonical JSON (a wrapped record unwrapped, a boolean a boolean, a SOAP fault of the
 * WSDL a 404). A WSDL that imports, that is RPC-styled or carries a DTD, and a submission with both documents
 * are refused with a stable type and nothing is kept.
 */
class SoapServicePublishingTest extends RightsChangingHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "VN/GOV/BCA/DANCU/citizen-record";
  private static final String PERSON = "001085000123";

  private String police;
  private String backend;
  private String wsdl;
  private final List<String> published = new ArrayList<>();

  @BeforeEach
  void ministry() throws Exception {
    police = hub.token(HubClient.POLICE_ADMIN, "write:rights write:conf");
    backend = hub.sandboxBackend("population-register") + "/population-register";
    wsdl = Files.readString(Path.of("connectors/population-register.wsdl"));
  }

  @AfterEach
  void withdraw() {
    published.forEach(id -> hub.adminPost("/admin/api/services/" + id + "/withdraw", "{\"reason\": \"test over\"}"));
  }

  @Test
  void aSoapRegisterPublishedFromItsWsdlAnswersAsJson() {
    Response draft = hub.post("/api/v1/services", submission("citizen-record", wsdl, "GetCitizenInfo", "VerifyCitizen"))
        .bearer(police).send();
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    String id = draft.json().get("id").asString();
    published.add(id);
    assertThat(draft.json().get("descriptor").asString()).as("a SOAP connector on the WSDL")
        .contains("protocol: \"soap\"", "soapAction: \"urn:vn:gov:bca:dancu:v1:GetCitizenInfo\"", "select: \"citizen\"",
            "CitizenNotFound: \"not-found\"", "personalId: \"personal-id\"", "dateOfBirth: \"date\"");
    assertThat(draft.json().get("routes").asString())
        .contains("platform-http:/r1/" + SERVICE + "/v1/get-citizen-info", "platform-http:/r1/" + SERVICE + "/v1/verify-citizen");
    assertThat(hub.post("/api/v1/services/" + id + "/submit", "{}").bearer(police).send().status()).isEqualTo(200);
    Response approved = hub.adminPost("/admin/api/services/" + id + "/approve", "{\"reason\": \"reviewed\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    String hanoi = hub.token(HubClient.HANOI);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> citizen(hanoi, PERSON).status() == 403);
    Response asked = hub.post("/api/v1/access-requests", "{\"service\": \"" + SERVICE + "\", \"fields\": [],"
        + " \"purpose\": \"Cấp giấy phép lái xe\", \"legalBasis\": {\"document\": \"59/2022/NĐ-CP\", \"article\": \"Điều 15\"},"
        + " \"validUntil\": \"" + LocalDate.now().plusMonths(3) + "\"}").bearer(hanoi).send();
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    assertThat(hub.post("/api/v1/access-requests/" + asked.json().get("id").asString() + "/grant", "{}").bearer(police)
        .send().status()).isEqualTo(200);

    Response answer = citizen(hanoi, PERSON);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("personalId").asString()).isEqualTo(PERSON);
    assertThat(answer.json().get("fullName").asString()).isNotBlank();
    assertThat(answer.json().get("permanentAddress").get("province").asString()).isNotBlank();
    Response verified = hub.post("/r1/" + SERVICE + "/v1/verify-citizen", "{\"personalId\": \"" + PERSON
        + "\", \"fullName\": \"" + answer.json().get("fullName").asString() + "\", \"dateOfBirth\": \""
        + answer.json().get("dateOfBirth").asString() + "\"}").as(HubClient.HANOI, hanoi).send();
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    assertThat(verified.json().get("match").isBoolean()).as(verified.body()).isTrue();
    assertThat(verified.json().get("match").asBoolean()).isTrue();
    Response unknown = citizen(hanoi, "001085999999");
    assertThat(problem(unknown)).as("the WSDL's fault CitizenNotFound").isEqualTo("404 Client.NotFound");
    assertThat(problem(hub.post("/r1/" + SERVICE + "/v1/get-citizen-info", "{\"personalId\": \"12\"}")
        .as(HubClient.HANOI, hanoi).send())).isEqualTo("400 Client.InvalidPersonalId");
  }

  @Test
  void badWsdlsAreRefusedWithAStableTypeAndNothingIsKept() {
    int before = hub.get("/api/v1/services").bearer(police).send().json().size();
    String imports = wsdl.replace("<wsdl:types>",
        "<wsdl:import namespace=\"urn:x\" location=\"https://evil.example/x.wsdl\"/><wsdl:types>");
    String rpc = wsdl.replace("style=\"document\"", "style=\"rpc\"");
    String dtd = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + wsdl.substring(wsdl.indexOf("<wsdl:definitions"));
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>";
    String nested = wsdl.replace("<xs:element name=\"personalId\" type=\"xs:string\"/>\n          </xs:sequence>\n"
        + "        </xs:complexType>\n      </xs:element>\n      <xs:element name=\"GetCitizenInfoResponse\">",
        "<xs:element name=\"personalId\" type=\"tns:Address\"/>\n          </xs:sequence>\n"
        + "        </xs:complexType>\n      </xs:element>\n      <xs:element name=\"GetCitizenInfoResponse\">");
    assertThat(nested).isNotEqualTo(wsdl);
    List<String> bad = List.of(submission("record-b", imports, "GetCitizenInfo"),
        submission("record-b", rpc, "GetCitizenInfo"), submission("record-b", dtd, "GetCitizenInfo"),
        submission("record-b", laughs, "GetCitizenInfo"), submission("record-b", "not xml", "GetCitizenInfo"),
        submission("record-b", wsdl, "NoSuchOperation"), submission("record-b", nested, "GetCitizenInfo"),
        submission("record-b", wsdl, "GetCitizenInfo").replace("\"wsdl\":", "\"openApi\": \"{}\", \"wsdl\":"));
    for (int i = 0; i < bad.size(); i++) {
      Response r = hub.post("/api/v1/services", bad.get(i)).bearer(police).send();
      assertThat(problem(r)).as("%d: %s", i, r.json().path("detail").asString()).isEqualTo("400 Client.InvalidRequest");
      assertThat(r.body()).doesNotContain("Exception", "at org.", "at vn.", "root:");
    }
    assertThat(hub.get("/api/v1/services").bearer(police).send().json().size()).as("nothing kept").isEqualTo(before);
  }

  private Response citizen(String token, String person) {
    return hub.post("/r1/" + SERVICE + "/v1/get-citizen-info", "{\"personalId\": \"" + person + "\"}")
        .as(HubClient.HANOI, token).send();
  }

  private String submission(String code, String document, String... operations) {
    ObjectNode body = JSON.createObjectNode();
    body.put("provider", "VN/GOV/BCA/DANCU");
    body.put("serviceCode", code);
    body.put("version", "v1");
    body.put("wsdl", document);
    body.put("backendUrl", backend);
    var chosen = body.putArray("operations");
    for (String operation : operations) {
      chosen.add(operation);
    }
    body.putObject("title").put("vi", "Hồ sơ công dân").put("en", "Citizen record");
    return body.toString();
  }

  private static String problem(Response r) {
    return r.status() + " " + r.json().path("type").asString();
  }
}
