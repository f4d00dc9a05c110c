package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.SpecSchemas;

/**
 * The directory services to the letter of the GovStack IM Directory Services API
 * ({@code GovStack_IM_Directory_Services_API.yaml}, copied unchanged into the test resources): every answer
 * validated against the spec's own schemas by a JSON Schema validator nobody here wrote; the spec's
 * {@code serviceId} filter; a malformed identifier or service code is the spec's 400; a provider the hub does
 * not know gets one answer from all three metaservices; getOpenAPI in YAML when asked, read back by the
 * Swagger parser; refusals of the client header name the header the caller sent.
 */
class DirectorySpecConformanceTest extends SandboxHubTest {

  private static final String DANCU = "/r1/VN/GOV/BCA/DANCU";
  private static final String LIST = "/paths/~1r1~1{instanceId}~1{memberClass}~1{memberCode}~1{applicationCode}~1listMethods"
      + "/get/responses/200/content/application~1json/schema";
  private static final String ALLOWED = LIST.replace("listMethods", "allowedMethods");
  private static final String CLIENTS = "/paths/~1listClients/get/responses/200/content/application~1json/schema";

  private final SpecSchemas spec = new SpecSchemas("/govstack-im/GovStack_IM_Directory_Services_API.yaml");

  @Test
  void everyDirectoryAnswerValidatesAgainstTheSpecsSchemas() {
    assertValid(CLIENTS, directory("/listClients"));
    assertValid(CLIENTS, directory("/listClients?instanceId=VN"));
    for (String provider : List.of(DANCU, "/r1/VN/GOV/BTC/THUE", "/r1/VN/COM/VCB/TAIKHOAN", "/r1/VN/GOV/LGSP/HUB")) {
      assertValid(LIST, directory(provider + "/listMethods"));
      assertValid(ALLOWED, directory(provider + "/allowedMethods"));
    }
    assertValid(LIST, directory(DANCU + "/listMethods?serviceId=citizen-info"));
  }

  @Test
  void serviceIdFiltersListMethodsAndAllowedMethods() {
    JsonNode one = directory(DANCU + "/listMethods?serviceId=household").json();
    assertThat(serviceCodes(one)).containsExactly("household");
    JsonNode whole = directory(DANCU + "/allowedMethods?serviceId=VN/GOV/BCA/DANCU/citizen-info").json();
    assertThat(serviceCodes(whole)).containsExactly("citizen-info");
    // a service the caller may not use is filtered out of allowedMethods, not refused
    Response hcmc = hub.get(DANCU + "/allowedMethods?serviceId=household").bearer(hub.token(HCMC))
        .header("X-GovStack-Client", HCMC).send();
    assertThat(hcmc.status()).isEqualTo(200);
    assertThat(serviceCodes(hcmc.json())).isEmpty();

    for (String serviceId : List.of("VN/GOV/BTC/THUE/taxpayer", "citizen info", "..", "VN/GOV/BCA/citizen-info")) {
      Response refused = directory(DANCU + "/listMethods?serviceId=" + serviceId.replace(" ", "%20"));
      assertThat(refused.status()).as(serviceId).isEqualTo(400);
      assertThat(refused.json().get("type").asString()).isEqualTo("Client.InvalidRequest");
      assertThat(refused.json().get("detail").asString()).contains("serviceId");
    }
  }

  @Test
  void aMalformedIdentifierOrServiceCodeIsA400AndLogged() {
    for (String method : List.of("listMethods", "allowedMethods", "getOpenAPI?serviceCode=citizen-info")) {
      for (String provider : List.of("/r1/VN/GOV/B$CA/DANCU/", "/r1/VN/GOV/BCA/.DANCU/", "/r1/VN/G%C3%96V/BCA/DANCU/")) {
        Response refused = directory(provider + method);
        assertThat(refused.status()).as(provider + method).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("Client.InvalidRequest");
        assertThat(hub.awaitRecord(refused.json().get("xRoadId").asString()).get("status").asInt()).isEqualTo(400);
      }
    }
    Response code = directory(DANCU + "/getOpenAPI?serviceCode=citizen%20info");
    assertThat(code.status()).isEqualTo(400);
    assertThat(code.json().get("detail").asString()).contains("serviceCode");
  }

  @Test
  void aProviderTheHubDoesNotKnowGetsOneAnswerFromAllThreeMetaservices() {
    List<JsonNode> answers = new ArrayList<>();
    for (String method : List.of("listMethods", "allowedMethods", "getOpenAPI?serviceCode=citizen-info")) {
      Response unknown = directory("/r1/VN/GOV/KHONGCO/HETHONG/" + method);
      assertThat(unknown.status()).as(method).isEqualTo(404);
      answers.add(((ObjectNode) unknown.json()).without("xRoadId"));
    }
    assertThat(answers.get(0).get("type").asString()).isEqualTo("Client.UnknownService");
    assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
    // a consumer that publishes nothing is not told apart from a subsystem that does not exist
    String consumerOnly = directory("/r1/VN/GOV/UBND-HN/MOTCUA/listMethods").json().get("detail").asString();
    assertThat(consumerOnly).isEqualTo(answers.get(0).get("detail").asString()
        .replace("VN/GOV/KHONGCO/HETHONG", "VN/GOV/UBND-HN/MOTCUA"));
  }

  @Test
  void getOpenApiAnswersYamlWhenAskedAndTheSwaggerParserReadsIt() throws Exception {
    Response json = directory(DANCU + "/getOpenAPI?serviceCode=citizen-info");
    assertThat(json.header("Content-Type")).startsWith("application/json");
    Response yaml = hub.get(DANCU + "/getOpenAPI?serviceCode=citizen-info").bearer(hub.token(HANOI))
        .header("X-GovStack-Client", HANOI).header("Accept", "text/yaml").send();
    assertThat(yaml.status()).as(yaml.body()).isEqualTo(200);
    assertThat(yaml.header("Content-Type").replace(" ", "")).isEqualToIgnoringCase("text/yaml;charset=utf-8");
    assertThat(yaml.header("Vary")).isEqualTo("Accept");
    assertThat(yaml.body()).doesNotStartWith("{");
    assertThat(YAMLMapper.builder().build().readTree(yaml.body())).isEqualTo(json.json());
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml.body(), null, null);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    assertThat(hub.awaitRecord(yaml.header("X-Road-Id")).get("status").asInt()).isEqualTo(200);

    Response either = hub.get(DANCU + "/getOpenAPI?serviceCode=citizen-info").bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).header("Accept", "application/json, text/yaml").send();
    assertThat(either.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void clientHeaderRefusalsNameTheHeaderTheCallerSent() {
    String token = hub.token(HANOI);
    for (String header : List.of("X-GovStack-Client", "Information-Mediator-Client", "X-Road-Client")) {
      Response malformed = hub.get(DANCU + "/listMethods").bearer(token).header(header, "VN/GOV").send();
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.json().get("type").asString()).isEqualTo("Client.InvalidClientHeader");
      assertThat(malformed.json().get("title").asString()).as(header).contains(header);
      assertThat(malformed.json().get("detail").asString()).as(header).contains(header);

      Response mismatch = hub.get(DANCU + "/listMethods").bearer(token).header(header, HCMC)
          .header("Accept-Language", "vi").send();
      assertThat(mismatch.status()).isEqualTo(403);
      assertThat(mismatch.json().get("title").asString()).as(header).contains(header);
      for (String other : List.of("X-GovStack-Client", "Information-Mediator-Client", "X-Road-Client")) {
        if (!other.equals(header)) {
          assertThat(mismatch.body()).doesNotContain(other);
        }
      }
    }
  }

  private Response directory(String path) {
    return hub.get(path).bearer(hub.token(HANOI)).header("X-GovStack-Client", HANOI).send();
  }

  private void assertValid(String pointer, Response answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(spec.problems(pointer, answer.json())).as(answer.body()).isEmpty();
  }

  private static List<String> serviceCodes(JsonNode list) {
    List<String> codes = new ArrayList<>();
    list.get("member").forEach(m -> codes.add(m.get("serviceCode").asString()));
    return codes;
  }
}
