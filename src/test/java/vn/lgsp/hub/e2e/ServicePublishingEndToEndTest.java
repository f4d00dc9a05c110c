package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;

/**
 * The walk-through, against the running sandbox, without a restart or a file: the finance
 * ministry's administrator publishes the tax clearance service from the OpenAPI document its (sandbox)
 * backend serves; the operator approves it; Da Nang asks for it with a legal basis; the ministry grants it
 * narrowed to two fields; Da Nang receives exactly those; a second version goes live beside the first;
 * the ministry deprecates it (answers announce the sunset) and revokes the right (403); withdrawn, the
 * service is gone. Every step is in the chain, found by service, and the chain verifies.
 */
class ServicePublishingEndToEndTest extends RightsChangingHubTest {

  @AfterEach
  void withdrawWhatIsLeft() {
    // whatever a failed run left published or in review goes, for the tests that share this hub
    for (JsonNode p : hub.admin("/admin/api/services").json()) {
      if (!p.get("publication").get("state").asString().equals("withdrawn")) {
        hub.adminPost("/admin/api/services/" + p.get("publication").get("id").asString() + "/withdraw",
            "{\"reason\": \"test over\"}");
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "VN/GOV/BTC/THUE/tax-clearance";
  private static final String PERSON = "001085000002";

  private String finance;
  private String backend;

  @BeforeEach
  void ministry() {
    finance = hub.token(HubClient.FINANCE_ADMIN, "write:rights write:conf");
    backend = hub.sandboxBackend("tax-register");
  }

  @Test
  void publishApproveAskGrantNarrowedCallDeprecateRevokeWithdraw() throws Exception {
    String openApi = fetch(backend + "/tax/openapi.json");
    Response draft = hub.post("/api/v1/services", submission("tax-clearance", "v1", openApi, "getTaxClearance"))
        .bearer(finance).send();
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    String id = draft.json().get("id").asString();
    assertThat(draft.json().get("state").asString()).isEqualTo("draft");
    assertThat(draft.json().get("descriptor").asString()).as("the generated descriptor to review")
        .contains("/tax/v2/clearances/{personalId}", "personalId: \"personal-id\"");
    assertThat(draft.json().get("routes").asString()).as("the generated route to review")
        .contains("platform-http:/r1/" + SERVICE + "/v1/clearances/{personalId}", "xroad-service");

    String daNang = hub.token(HubClient.DA_NANG);
    assertThat(problem(call("v1", daNang))).as("not live while a draft").isEqualTo("404 Client.UnknownService");
    assertThat(problem(hub.adminPost("/admin/api/services/" + id + "/approve", "{\"reason\": \"ok\"}")))
        .as("only a submission is approved").isEqualTo("409 Client.Conflict");
    assertThat(hub.post("/api/v1/services/" + id + "/submit", "{}").bearer(finance).send().status()).isEqualTo(200);
    Response approved = hub.adminPost("/admin/api/services/" + id + "/approve", "{\"reason\": \"reviewed\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("publication").get("state").asString()).isEqualTo("published");
    assertThat(problem(await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> call("v1", daNang), r -> r.status() != 404)))
        .as("live within 2 s, and no right yet").isEqualTo("403 Client.AccessDenied");

    Response asked = hub.post("/api/v1/access-requests", "{\"service\": \"" + SERVICE + "\", \"fields\": [\"personalId\","
        + " \"cleared\", \"certificateNumber\"], \"purpose\": \"Thủ tục cấp phép kinh doanh\", \"legalBasis\":"
        + " {\"document\": \"47/2020/NĐ-CP\", \"article\": \"Điều 14\"}, \"validUntil\": \""
        + LocalDate.now().plusMonths(6) + "\"}").bearer(daNang).send();
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    String request = asked.json().get("id").asString();
    Response granted = hub.post("/api/v1/access-requests/" + request + "/grant", "{\"fields\": [\"personalId\","
        + " \"cleared\"]}").bearer(finance).send();
    assertThat(granted.status()).as(granted.body()).isEqualTo(200);

    Response answer = call("v1", daNang);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> fields = new ArrayList<>();
    answer.json().propertyNames().forEach(fields::add);
    assertThat(fields).as("only the two fields granted").containsExactlyInAnyOrder("personalId", "cleared");
    assertThat(answer.json().get("personalId").asString()).isEqualTo(PERSON);

    Response listed = hub.get("/r1/VN/GOV/BTC/THUE/allowedMethods").bearer(daNang).header("X-Road-Client", HubClient.DA_NANG)
        .send();
    assertThat(listed.body()).as("allowedMethods").contains("\"serviceCode\":\"tax-clearance\"");

    String second = hub.post("/api/v1/services", submission("tax-clearance", "v2", openApi, "getTaxClearance"))
        .bearer(finance).send().json().get("id").asString();
    hub.post("/api/v1/services/" + second + "/submit", "{}").bearer(finance).send();
    assertThat(hub.adminPost("/admin/api/services/" + second + "/approve", "{\"reason\": \"v2\"}").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).until(() -> call("v2", daNang).status() == 200);
    assertThat(call("v1", daNang).status()).as("two versions side by side, one right").isEqualTo(200);

    String sunset = LocalDate.now().plusMonths(3).toString();
    Response deprecated = hub.post("/api/v1/services/" + id + "/deprecate", "{\"sunset\": \"" + sunset
        + "\", \"reason\": \"v2 thay thế\"}").bearer(finance).send();
    assertThat(deprecated.status()).as(deprecated.body()).isEqualTo(200);
    Response announcing = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> call("v1", daNang), r -> r.header("Sunset") != null);
    assertThat(announcing.header("Sunset")).as("RFC 8594").contains(String.valueOf(LocalDate.parse(sunset).getYear()))
        .endsWith("GMT");
    assertThat(call("v2", daNang).header("Sunset")).as("the next version is not deprecated").isNull();
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/listMethods").bearer(daNang).header("X-Road-Client", HubClient.DA_NANG).send()
        .body()).as("the directory shows the sunset").contains("\"x-sunset\":\"" + sunset + "\"");

    assertThat(hub.post("/api/v1/access-requests/" + request + "/revoke", "{\"reason\": \"hết hạn dự án\"}")
        .bearer(finance).send().status()).isEqualTo(200);
    assertThat(problem(call("v1", daNang))).as("revoked: the next call").isEqualTo("403 Client.AccessDenied");

    for (String publication : List.of(id, second)) {
      assertThat(hub.post("/api/v1/services/" + publication + "/withdraw", "{\"reason\": \"ngừng\"}").bearer(finance).send()
          .status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> call("v1", daNang).status() == 404 && call("v2", daNang).status() == 404);

    List<String> actions = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      actions.clear();
      hub.admin("/admin/api/exchanges?kind=admin&size=200&service=" + SERVICE).json().get("items")
          .forEach(r -> actions.add(r.get("action").asString() + " " + r.get("status").asInt()));
      return actions.stream().filter(a -> a.equals("service.withdraw 200")).count() == 2;
    });
    assertThat(actions).contains("service.draft 201", "service.submit 200", "service.approve 409", "service.approve 200",
        "access-request.submit 201", "access-request.grant 200", "service.deprecate 200",
        "service.sunset-announced 200", "access-request.revoke 200");
    assertThat(hub.admin("/admin/api/exchanges?kind=admin&size=200&client=" + HubClient.DA_NANG).body())
        .as("the consumer holding a right was told of the sunset").contains("service.sunset-announced");
    assertThat(hub.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
  }

  @Test
  void badSubmissionsAreRefusedWithAStableTypeAndNothingIsKept() throws Exception {
    String openApi = fetch(backend + "/tax/openapi.json");
    int before = hub.get("/api/v1/services").bearer(finance).send().json().size();
    List<String[]> bad = List.of(
        new String[] {submission("clearance-b", "v1", "{\"swagger\": \"2.0\"}", "getTaxClearance"), "400"},
        new String[] {submission("clearance-b", "v1", "::: not yaml [", "getTaxClearance"), "400"},
        new String[] {submission("clearance-b", "v1", openApi.replace("#/components/schemas/Clearance",
            "https://evil.example/schema.json"), "getTaxClearance"), "400"},
        new String[] {submission("clearance-b", "v1", openApi.replace("\"responses\"", "\"respon\""), "getTaxClearance"),
            "400"},
        new String[] {submission("clearance-b", "v1", openApi, "noSuchOperation"), "400"},
        new String[] {submission("clearance-b", "v1", openApi.replace("/clearances/{personalId}", "/clearances"),
            "getTaxClearance"), "400"},
        new String[] {submission("clearance-b", "v1", openApi.replace("\"in\":\"path\"", "\"in\":\"query\"")
            .replace("/clearances/{personalId}", "/clearances"), "getTaxClearance"), "400"},
        new String[] {submission("Clearance B", "v1", openApi, "getTaxClearance"), "400"},
        new String[] {submission("clearance-b", "version-1", openApi, "getTaxClearance"), "400"},
        new String[] {submission("clearance-b", "v1", openApi, "getTaxClearance").replace(backend, "file:///etc/passwd"),
            "400"},
        new String[] {submission("taxpayer", "v1", openApi, "getTaxClearance"), "409"},
        new String[] {submission("clearance-b", "v1", openApi, "getTaxClearance")
            .replace("VN/GOV/BTC/THUE", "VN/GOV/BCA/DANCU"), "403"});
    for (String[] attempt : bad) {
      Response r = hub.post("/api/v1/services", attempt[0]).bearer(finance).send();
      assertThat(r.status()).as("%s: %s", bad.indexOf(attempt), r.body()).isEqualTo(Integer.parseInt(attempt[1]));
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.body()).doesNotContain("Exception", "at io.", "at vn.");
    }
    // hostile documents: a billion laughs, nesting 20,000 deep, and one over the hub's body limit
    StringBuilder laughs = new StringBuilder("openapi: 3.0.3\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      laughs.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(9))
          .append("*a").append(i - 1).append("]\n");
    }
    String deep = "openapi: 3.0.3\nx: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
    for (String hostile : List.of(laughs.toString(), deep)) {
      long started = System.nanoTime();
      Response r = hub.post("/api/v1/services", submission("clearance-b", "v1", hostile, "getTaxClearance"))
          .bearer(finance).send();
      assertThat(problem(r)).as(r.body()).isEqualTo("400 Client.InvalidRequest");
      assertThat((System.nanoTime() - started) / 1_000_000).as("refused at once, ms").isLessThan(5_000);
    }
    String huge = openApi.replace("\"Tax clearance (General Department of Taxation)\"",
        "\"" + "x".repeat(300_000) + "\"");
    assertThat(problem(hub.post("/api/v1/services", submission("clearance-b", "v1", huge, "getTaxClearance"))
        .bearer(finance).send())).isEqualTo("413 Client.PayloadTooLarge");

    assertThat(problem(hub.post("/api/v1/services", submission("clearance-b", "v1", openApi, "getTaxClearance"))
        .bearer(hub.token(HubClient.DA_NANG)).send())).as("a consumer publishes nothing").isEqualTo("403 Client.AccessDenied");
    assertThat(problem(hub.post("/api/v1/services", submission("clearance-b", "v1", openApi, "getTaxClearance"))
        .bearer(hub.token(HubClient.FINANCE_ADMIN)).send())).as("scope write:conf needed").isEqualTo("403 Client.AccessDenied");
    assertThat(hub.get("/api/v1/services").bearer(finance).send().json().size()).as("nothing kept").isEqualTo(before);

    String yaml = YAMLMapper.builder().build().writeValueAsString(JSON.readTree(openApi));
    assertThat(yaml).contains("\n");
    Response fromYaml = hub.post("/api/v1/services", submission("clearance-yaml", "v1", yaml, "getTaxClearance"))
        .bearer(finance).send();
    assertThat(fromYaml.status()).as("the same document as YAML, lines and all: %s", fromYaml.body()).isEqualTo(201);

    String police = hub.token(HubClient.POLICE_ADMIN, "write:conf");
    String id = hub.post("/api/v1/services", submission("clearance-c", "v1", openApi, "getTaxClearance")).bearer(finance)
        .send().json().get("id").asString();
    assertThat(problem(hub.post("/api/v1/services/" + id + "/submit", "{}").bearer(police).send()))
        .as("another member's service").isEqualTo("403 Client.AccessDenied");
    assertThat(problem(hub.get("/api/v1/services/" + id).bearer(police).send())).isEqualTo("404 Client.NotFound");
  }

  private Response call(String version, String token) {
    return hub.get("/r1/" + SERVICE + "/" + version + "/clearances/" + PERSON).as(HubClient.DA_NANG, token).send();
  }

  private String submission(String code, String version, String openApi, String operation) {
    ObjectNode body = JSON.createObjectNode();
    body.put("provider", "VN/GOV/BTC/THUE");
    body.put("serviceCode", code);
    body.put("version", version);
    body.put("openApi", openApi);
    body.put("backendUrl", backend);
    body.putArray("operations").add(operation);
    body.putObject("title").put("vi", "Xác nhận hoàn thành nghĩa vụ thuế").put("en", "Tax clearance");
    return body.toString();
  }

  private static String fetch(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static String problem(Response r) {
    return r.status() + " " + r.json().path("type").asString();
  }
}
