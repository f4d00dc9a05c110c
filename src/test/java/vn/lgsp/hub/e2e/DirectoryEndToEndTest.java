package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.DA_NANG;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/** The GovStack IM directory services, through the HTTP port, against the API's schemas. */
class DirectoryEndToEndTest extends SandboxHubTest {

  static final String DANCU = "/r1/VN/GOV/BCA/DANCU";

  private static List<String> serviceCodes(JsonNode list) {
    return list.get("member").findValuesAsString("serviceCode");
  }

  @Test
  void listClientsNamesProvidersAndConsumersAsMembersAndApplications() {
    Response r = hub.get("/listClients").bearer(hub.token(HANOI)).header("X-Road-Client", HANOI).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode members = r.json().get("member");
    assertThat(members.findValuesAsString("name")).contains("VN/GOV/BCA/DANCU", HANOI, HCMC, DA_NANG, "VN/GOV/BCA");
    JsonNode dancu = null;
    for (JsonNode m : members) {
      if ("VN/GOV/BCA/DANCU".equals(m.get("name").asString())) {
        dancu = m.get("id");
      }
    }
    assertThat(dancu.get("objectType").asString()).isEqualTo("APPLICATION");
    assertThat(members.findValuesAsString("x-memberName")).contains("Bộ Công an", "Ủy ban nhân dân thành phố Hà Nội");
    assertThat(dancu.get("memberCode").asString()).isEqualTo("BCA");
    assertThat(dancu.get("applicationCode").asString()).isEqualTo("DANCU");

    Response other = hub.get("/listClients?instanceId=XX").bearer(hub.token(HANOI)).header("X-Road-Client", HANOI).send();
    assertThat(other.json().get("member")).isEmpty();
  }

  @Test
  void listMethodsShowsEveryServiceAndAllowedMethodsOnlyTheCallers() {
    Response all = hub.get(DANCU + "/listMethods").bearer(hub.token(HCMC)).header("X-Road-Client", HCMC).send();
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(serviceCodes(all.json()))
        .containsExactlyInAnyOrder("citizen-info", "citizen-verify", "household", "residence");
    JsonNode verify = all.json().get("member").findParent("serviceCode");
    assertThat(verify.get("objectType").asString()).isEqualTo("SERVICE");
    assertThat(verify.get("serviceType").asString()).isEqualTo("REST");
    assertThat(all.json().toString()).contains("{\"method\":\"POST\",\"path\":\"/\"}")
        .contains("{\"method\":\"GET\",\"path\":\"/{personalId}\"}");

    Response hcmc = hub.get(DANCU + "/allowedMethods").bearer(hub.token(HCMC)).header("X-Government-Ignored", "x")
        .header("X-GovStack-Client", HCMC).send();
    assertThat(hcmc.status()).as(hcmc.body()).isEqualTo(200);
    assertThat(serviceCodes(hcmc.json())).containsExactlyInAnyOrder("citizen-info", "citizen-verify", "residence");

    Response daNang = hub.get(DANCU + "/allowedMethods").bearer(hub.token(DA_NANG))
        .header("Information-Mediator-Client", DA_NANG).send();
    assertThat(serviceCodes(daNang.json())).containsExactlyInAnyOrder("citizen-info", "citizen-verify");
  }

  private Response directory(String path, String acceptLanguage) {
    HubClient.Request request = hub.get(path).bearer(hub.token(HANOI)).header("X-Road-Client", HANOI);
    return (acceptLanguage == null ? request : request.header("Accept-Language", acceptLanguage)).send();
  }

  private static JsonNode service(JsonNode list, String serviceCode) {
    for (JsonNode member : list.get("member")) {
      if (serviceCode.equals(member.get("serviceCode").asString())) {
        return member;
      }
    }
    throw new AssertionError("no " + serviceCode + " in " + list);
  }

  /** The answer without what people read: what machines match on must not depend on the language. */
  private static JsonNode machineFields(JsonNode list) {
    JsonNode copy = list.deepCopy();
    copy.get("member").forEach(m -> {
      ((ObjectNode) m).remove("x-title");
      ((ObjectNode) m).remove("x-description");
    });
    return copy;
  }

  @Test
  void listMethodsTitlesEachServiceInVietnameseUnlessEnglishIsAsked() {
    JsonNode byDefault = directory(DANCU + "/listMethods", null).json();
    JsonNode vietnamese = directory(DANCU + "/listMethods", "vi-VN").json();
    JsonNode english = directory(DANCU + "/listMethods", "en-US,en;q=0.9,vi;q=0.8").json();

    assertThat(service(byDefault, "citizen-info").get("x-title").asString()).isEqualTo("Tra cứu thông tin công dân");
    assertThat(service(byDefault, "residence").get("x-title").asString()).isEqualTo("Tra cứu thông tin cư trú");
    assertThat(service(byDefault, "citizen-verify").get("x-description").asString()).contains("định danh cá nhân");
    assertThat(vietnamese).isEqualTo(byDefault);
    assertThat(service(english, "citizen-info").get("x-title").asString()).isEqualTo("Citizen information lookup");
    assertThat(service(english, "household").get("x-title").asString()).isEqualTo("Household information lookup");
    assertThat(service(english, "citizen-verify").get("x-description").asString()).contains("personal ID");
    // the provider's official name is Vietnamese in both
    assertThat(service(english, "citizen-info").get("x-memberName").asString()).isEqualTo("Bộ Công an");
    assertThat(machineFields(english)).isEqualTo(machineFields(byDefault));

    // a language the hub does not speak, or an unreadable header: Vietnamese
    assertThat(service(directory(DANCU + "/listMethods", "fr-FR").json(), "citizen-info").get("x-title").asString())
        .isEqualTo("Tra cứu thông tin công dân");
    assertThat(service(directory(DANCU + "/listMethods", "en;;q").json(), "citizen-info").get("x-title").asString())
        .isEqualTo("Tra cứu thông tin công dân");

    // the composite calls no register: its texts are declared beside its route
    JsonNode hub = directory("/r1/VN/GOV/LGSP/HUB/listMethods", "en").json();
    assertThat(service(hub, "citizen-profile").get("x-title").asString()).isEqualTo("Consolidated citizen profile");
    assertThat(service(directory("/r1/VN/GOV/LGSP/HUB/allowedMethods", null).json(), "citizen-profile")
        .get("x-title").asString()).isEqualTo("Hồ sơ công dân tổng hợp");
  }

  @Test
  void getOpenApiWritesItsTextsInTheCallersLanguageAndNothingElseChanges() {
    JsonNode vietnamese = directory(DANCU + "/getOpenAPI?serviceCode=citizen-info", null).json();
    JsonNode english = directory(DANCU + "/getOpenAPI?serviceCode=citizen-info", "en").json();

    assertThat(vietnamese.get("info").get("title").asString()).isEqualTo("Tra cứu thông tin công dân");
    assertThat(vietnamese.get("info").get("description").asString()).contains("nơi thường trú");
    assertThat(vietnamese.get("info").get("x-service").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    JsonNode get = vietnamese.get("paths").get("/citizen-info/{personalId}").get("get");
    assertThat(get.get("summary").asString()).isEqualTo("Tra cứu thông tin công dân");
    assertThat(get.get("description").asString()).contains("số định danh cá nhân");
    assertThat(get.get("operationId").asString()).isEqualTo("citizen-info");

    assertThat(english.get("info").get("title").asString()).isEqualTo("Citizen information lookup");
    assertThat(english.get("info").get("x-service").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    JsonNode englishGet = english.get("paths").get("/citizen-info/{personalId}").get("get");
    assertThat(englishGet.get("summary").asString()).isEqualTo("Citizen information lookup");
    assertThat(englishGet.get("description").asString()).contains("permanent and current address");
    assertThat(englishGet.get("operationId")).isEqualTo(get.get("operationId"));
    assertThat(englishGet.get("parameters")).isEqualTo(get.get("parameters"));
    assertThat(english.get("components").get("schemas").get("CitizenInfoAnswer"))
        .isEqualTo(vietnamese.get("components").get("schemas").get("CitizenInfoAnswer"));
    assertThat(english.get("servers")).isEqualTo(vietnamese.get("servers"));
  }

  @Test
  void getOpenApiDescribesTheServiceWithItsSchemas() {
    Response r = hub.get(DANCU + "/getOpenAPI?serviceCode=citizen-verify").bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode doc = r.json();
    assertThat(doc.get("openapi").asString()).startsWith("3.");
    JsonNode post = doc.get("paths").get("/citizen-verify").get("post");
    assertThat(post.get("requestBody").toString()).contains("personalId").contains("dateOfBirth").contains("\"format\":\"date\"");
    assertThat(post.get("responses").get("200").toString()).contains("#/components/schemas/CitizenVerifyAnswer");
    assertThat(doc.get("components").get("schemas").get("CitizenVerifyAnswer").get("properties").has("mismatchedFields")).isTrue();
    assertThat(post.get("responses").get("404").toString()).contains("Problem");

    Response info = hub.get(DANCU + "/getOpenAPI?serviceCode=citizen-info").bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send();
    assertThat(info.json().get("paths").has("/citizen-info/{personalId}")).isTrue();
    assertThat(info.json().get("components").get("schemas").get("CitizenInfoAnswer").get("properties").has("currentAddress")).isTrue();
  }

  @Test
  void directoryCallsAreAuthenticatedValidatedAndLogged() {
    Response anonymous = hub.get(DANCU + "/listMethods").header("X-Road-Client", HANOI).send();
    assertThat(anonymous.status()).isEqualTo(401);

    Response missing = hub.get(DANCU + "/getOpenAPI").bearer(hub.token(HANOI)).header("X-Road-Client", HANOI).send();
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("type").asString()).isEqualTo("Client.InvalidRequest");

    Response unknown = hub.get(DANCU + "/getOpenAPI?serviceCode=nothing").bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send();
    assertThat(unknown.status()).isEqualTo(404);

    String messageId = UUID.randomUUID().toString();
    hub.get(DANCU + "/listMethods").bearer(hub.token(HANOI)).header("X-Road-Client", HANOI)
        .header("X-Road-Id", messageId).send();
    JsonNode record =
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId), items -> items.size() == 1).get(0);
    assertThat(record.get("serviceId").asString()).isEqualTo("VN/GOV/BCA/DANCU/listMethods");
    assertThat(record.get("status").asInt()).isEqualTo(200);
  }
}
