package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;
import vn.lgsp.hub.support.SpecSchemas;

/**
 * The GovStack IM Configuration Management API on the rights as data: status and configuration for
 * operators and {@code read:conf}; the allow list paged as the spec describes; {@code PATCH
 * /api/v1/rights/allow} and {@code /deny} live on the next request, in both of the spec's forms of an
 * application, for an operator or a provider's administrator on its own member's services only.
 */
class GovStackConfigurationApiTest extends RightsChangingHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPERATOR =
      "Basic " + Base64.getEncoder().encodeToString("operator:sandbox-operator".getBytes(StandardCharsets.UTF_8));
  private static final String TAXPAYER = "/r1/VN/GOV/BTC/THUE/taxpayer/001085000002";
  private static final SpecSchemas SPEC = new SpecSchemas("/govstack-im/GovStack_IM_Configuration_Management_API.yaml");
  private static final String ALLOW_LIST = "/paths/~1api~1v1~1rights~1allow/get/responses/200/content/application~1json/schema";

  @Test
  void statusConfigurationAndTheAllowListPaged() throws Exception {
    Response status = call("GET", "/api/v1/status", OPERATOR, null);
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(status.json().get("status").asString()).isEqualTo("UP");
    assertThat(problem(call("GET", "/api/v1/status", null, null))).isEqualTo("401 Client.Unauthenticated");
    assertThat(problem(call("GET", "/api/v1/status", "Bearer " + hub.token(HubClient.DA_NANG), null)))
        .as("no read:conf scope").isEqualTo("403 Client.AccessDenied");
    assertThat(problem(call("GET", "/api/v1/status", "Bearer not-a-token", null))).isEqualTo("401 Client.Unauthenticated");
    List<String> refusals = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      refusals.clear();
      hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items").forEach(r -> {
        if (r.get("action").asString().equals("configuration-api-refused")) {
          refusals.add(r.get("status").asInt() + " " + r.get("actor").asString());
        }
      });
      return refusals.contains("403 " + HubClient.DA_NANG) && refusals.stream().filter(x -> x.startsWith("401 ")).count() >= 2;
    });

    JsonNode config = call("GET", "/api/v1/config", OPERATOR, null).json();
    assertThat(SPEC.problems("/components/schemas/IMconf", config)).as("listIMconf by the spec's schema").isEmpty();
    assertThat(config.get("instance").asString()).isEqualTo("VN");
    assertThat(config.toString()).contains("\"name\":\"Bộ Công an\"", "\"id\":\"DANCU\"", "\"id\":\"citizen-info\"",
        "getOpenAPI?serviceCode=");
    assertThat(call("GET", "/api/v1/rights/allow", "Bearer " + hub.token(HubClient.FINANCE_ADMIN, "write:rights"), null)
        .body()).as("a covert client is for operators' eyes only").doesNotContain("DIEUTRA").contains("UBND-DN");
    assertThat(call("GET", "/api/v1/rights/allow", OPERATOR, null).body()).contains("DIEUTRA");

    JsonNode all = call("GET", "/api/v1/rights/allow?serviceId=citizen-info", OPERATOR, null).json();
    assertThat(SPEC.problems(ALLOW_LIST, all)).as("getAllowed by the spec's schema").isEmpty();
    assertThat(SPEC.problems(ALLOW_LIST, JSON.readTree("{\"allowList\": [{\"serviceId\": \"x\"}]}")))
        .as("the validator sees a missing required field").isNotEmpty();
    JsonNode citizenInfo = all.get("allowList").get(0);
    assertThat(citizenInfo.get("memberCode").asString()).isEqualTo("BCA");
    assertThat(citizenInfo.get("applicationId").asString()).isEqualTo("DANCU");
    List<String> everyone = applications(all);
    assertThat(everyone).contains("UBND-DN/MOTCUA", "UBND-HN/MOTCUA");

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page = call("GET", "/api/v1/rights/allow?serviceId=citizen-info&pageSize=2"
          + (token == null ? "" : "&nextPageToken=" + token), OPERATOR, null).json();
      assertThat(SPEC.problems(ALLOW_LIST, page)).isEmpty();
      paged.addAll(applications(page));
      token = page.has("nextPageToken") ? page.get("nextPageToken").asString() : null;
      pages++;
    } while (token != null && pages < 10);
    assertThat(paged).as("pages of 2 pairs, none lost or repeated").isEqualTo(everyone);
    assertThat(pages).isEqualTo((everyone.size() + 1) / 2);
    assertThat(call("GET", "/api/v1/rights/allow?nextPageToken=xyz", OPERATOR, null).status()).isEqualTo(400);
    assertThat(call("GET", "/api/v1/rights/allow?colour=red", OPERATOR, null).status()).isEqualTo(400);
  }

  @Test
  void aProviderAllowsAndDeniesItsOwnServiceLiveAtOnce() throws Exception {
    String daNang = hub.token(HubClient.DA_NANG);
    String finance = "Bearer " + hub.token(HubClient.FINANCE_ADMIN, "write:rights");
    assertThat(taxpayer(daNang)).isEqualTo(403);

    String allowDaNang = "[{\"memberClass\": \"GOV\", \"memberCode\": \"BTC\", \"applicationId\": \"THUE\","
        + " \"serviceId\": \"taxpayer\", \"rights\": [{\"member\": \"GOV/UBND-DN\", \"application\": \"MOTCUA\"}]}]";
    Response allowed = call("PATCH", "/api/v1/rights/allow", finance, allowDaNang);
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(allowed.json().get("changes").get(0).get("change").asString()).isEqualTo("added");
    assertThat(taxpayer(daNang)).as("live on the next request").isEqualTo(200);
    assertThat(applications(call("GET", "/api/v1/rights/allow?serviceId=taxpayer", finance, null).json()))
        .contains("UBND-DN/MOTCUA");

    String denyDaNang = "[{\"memberClass\": \"GOV\", \"memberCode\": \"BTC\", \"applicationId\": \"THUE\","
        + " \"serviceId\": \"taxpayer\", \"rights\": [{\"memberClass\": \"GOV\", \"memberCode\": \"UBND-DN\","
        + " \"applicationId\": \"MOTCUA\"}]}]";
    assertThat(call("PATCH", "/api/v1/rights/deny", finance, denyDaNang).status()).isEqualTo(200);
    assertThat(taxpayer(daNang)).isEqualTo(403);

    String policeService = allowDaNang.replace("\"BTC\"", "\"BCA\"").replace("\"THUE\"", "\"DANCU\"")
        .replace("taxpayer", "household");
    assertThat(problem(call("PATCH", "/api/v1/rights/allow", finance, policeService)))
        .as("another member's service").isEqualTo("403 Client.AccessDenied");
    assertThat(call("PATCH", "/api/v1/rights/allow", OPERATOR, policeService).status()).as("an operator may")
        .isEqualTo(200);
    assertThat(call("PATCH", "/api/v1/rights/deny", OPERATOR, policeService).status()).isEqualTo(200);
    assertThat(call("PATCH", "/api/v1/rights/allow", "Bearer " + hub.token(HubClient.FINANCE_ADMIN), allowDaNang)
        .status()).as("no write:rights scope").isEqualTo(403);
    for (String bad : List.of("{}", "[]", "[{\"serviceId\": \"taxpayer\"}]",
        allowDaNang.replace("taxpayer", "no-such-service"), allowDaNang.replace("GOV/UBND-DN", "nobody"),
        allowDaNang.replace("\"rights\"", "\"colour\": 1, \"rights\""))) {
      Response r = call("PATCH", "/api/v1/rights/allow", finance, bad);
      assertThat(r.status()).as(bad).isBetween(400, 404);
      assertThat(r.header("Content-Type")).as(bad).startsWith("application/problem+json");
    }
    assertThat(taxpayer(daNang)).as("nothing half-applied").isEqualTo(403);
  }

  @Test
  void theConfigurationInYamlPatchedThenReplacedWithinTheCallersReach() throws Exception {
    String daNang = hub.token(HubClient.DA_NANG);
    String conf = """
        domain: hub.lgsp.sandbox
        instance: VN
        members:
          - name: Bộ Tài chính
            class: GOV
            code: BTC
            applications:
              - id: THUE
                services:
                  - id: tax-obligation
                    specUrl: https://hub.lgsp.sandbox/r1/VN/GOV/BTC/THUE/getOpenAPI?serviceCode=tax-obligation
                    serviceUrl: https://tax.internal/tax/v1
                    rights:
                      - {member: GOV/UBND-HN, application: MOTCUA}
                      - {memberClass: GOV, memberCode: UBND-DN, applicationId: MOTCUA}
        """;
    String writer = "Bearer " + hub.token(HubClient.FINANCE_ADMIN, "write:conf");
    Response patched = call("PATCH", "/api/v1/config", writer, conf, "text/yaml");
    assertThat(patched.status()).as(patched.body()).isEqualTo(201);
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002").as(HubClient.DA_NANG, daNang).send().status())
        .as("added by the patch").isEqualTo(200);
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002").as(HubClient.HCMC, hub.token(HubClient.HCMC))
        .send().status()).as("a patch leaves what it does not describe").isEqualTo(200);

    assertThat(call("PUT", "/api/v1/config", writer, conf, "text/yaml").status()).as("create:conf needed").isEqualTo(403);
    String creator = "Bearer " + hub.token(HubClient.FINANCE_ADMIN, "create:conf");
    Response replaced = call("PUT", "/api/v1/config", creator, conf, "text/yaml");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002").as(HubClient.HCMC, hub.token(HubClient.HCMC))
        .send().status()).as("replaced: not described, so gone").isEqualTo(403);
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/001085000002").as(HubClient.HANOI, hub.token(HubClient.HANOI))
        .send().status()).as("the ministry's other service, not described: gone too").isEqualTo(403);
    assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HubClient.HANOI, hub.token(HubClient.HANOI))
        .send().status()).as("another member's service is out of the ministry's reach").isEqualTo(200);

    for (String bad : List.of("::: [", conf.replace("instance: VN", "instance: LA"), conf.replace("tax-obligation\n",
        "no-such-service\n"), conf.replace("domain:", "colour: red\ndomain:"))) {
      Response r = call("PATCH", "/api/v1/config", writer, bad, "text/yaml");
      assertThat(r.status()).as(bad).isBetween(400, 404);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
    Response restored = call("POST", "/api/v1/config?init=false", OPERATOR, "{\"domain\": \"x\", \"instance\": \"VN\","
        + " \"members\": [{\"name\": \"BTC\", \"class\": \"GOV\", \"code\": \"BTC\", \"applications\": [{\"id\": \"THUE\","
        + " \"services\": [{\"id\": \"taxpayer\", \"specUrl\": \"x\", \"serviceUrl\": \"y\", \"rights\":"
        + " [{\"member\": \"GOV/UBND-HN\", \"application\": \"MOTCUA\"}]}]}]}]}", "application/json");
    assertThat(restored.status()).as(restored.body()).isEqualTo(201);
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/001085000002").as(HubClient.HANOI, hub.token(HubClient.HANOI))
        .send().status()).isEqualTo(200);
    assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HubClient.HANOI, hub.token(HubClient.HANOI))
        .send().status()).as("an operator's replacement reaches every service").isEqualTo(403);
    Response back = hub.adminPost("/admin/api/access-rights/rollback", "{\"version\": "
        + (hub.admin("/admin/api/access-rights").json().get("version").asLong() - 3) + ", \"reason\": \"test over\"}");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
  }

  private int taxpayer(String token) {
    return hub.get(TAXPAYER).as(HubClient.DA_NANG, token).send().status();
  }

  private static List<String> applications(JsonNode page) {
    List<String> apps = new ArrayList<>();
    page.get("allowList").forEach(s -> s.get("rights").forEach(r -> {
      assertThat(r.get("member").asString()).as("both forms").isEqualTo(r.get("memberClass").asString() + "/"
          + r.get("memberCode").asString());
      apps.add(r.get("memberCode").asString() + "/" + r.get("applicationId").asString());
    }));
    return apps;
  }

  private Response call(String method, String path, String authorization, String json) throws Exception {
    return call(method, path, authorization, json, "application/json");
  }

  private Response call(String method, String path, String authorization, String json, String contentType)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (json != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.headers().map(), r.body());
  }

  private static String problem(Response r) {
    return r.status() + " " + JSON.readTree(r.body()).path("type").asString();
  }
}
