package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;

/**
 * A right asked for, granted narrowed, used and revoked at runtime, without a restart or a file: Da Nang
 * has no tax right in the configuration; it asks for the tax obligation with a legal basis; the finance
 * ministry's administrator grants it narrowed to two fields; Da Nang receives exactly those; the
 * ministry revokes it and the next call is refused. Each step is an action in the chain, found by
 * service, and the chain verifies.
 */
class AccessRequestsEndToEndTest extends RightsChangingHubTest {

  private static final String SERVICE = "VN/GOV/BTC/THUE/tax-obligation";
  private static final String CALL = "/r1/" + SERVICE + "/001085000002";
  private static final String REQUESTS = "/api/v1/access-requests";

  @Test
  void daNangAsksTheMinistryGrantsTwoFieldsThenRevokes() {
    String daNang = hub.token(HubClient.DA_NANG);
    String finance = hub.token(HubClient.FINANCE_ADMIN, "write:rights");
    assertThat(taxObligation(daNang).status()).as("no tax right in the configuration").isEqualTo(403);

    Response asked = hub.post(REQUESTS, ask(SERVICE, "[\"personalId\", \"hasOutstandingDebt\", \"outstandingAmount\"]"))
        .bearer(daNang).send();
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    String id = asked.json().get("id").asString();
    assertThat(asked.json().get("state").asString()).isEqualTo("pending");
    assertThat(asked.json().get("legalBasis").get("article").asString()).isEqualTo("Điều 14");

    assertThat(problem(hub.post(REQUESTS + "/" + id + "/grant", "{}").bearer(daNang).send()))
        .as("a consumer cannot grant itself").isEqualTo("403 Client.AccessDenied");
    assertThat(problem(hub.post(REQUESTS + "/" + id + "/grant", "{}")
        .bearer(hub.token(HubClient.POLICE_ADMIN, "write:rights")).send()))
        .as("another ministry's administrator cannot decide").isEqualTo("403 Client.AccessDenied");
    assertThat(problem(hub.post(REQUESTS + "/" + id + "/grant", "{\"fields\": [\"items\"]}").bearer(finance).send()))
        .as("a grant narrows, never widens").isEqualTo("400 Client.InvalidRequest");

    Response pending = hub.get(REQUESTS + "?as=provider&state=pending").bearer(finance).send();
    assertThat(pending.status()).as(pending.body()).isEqualTo(200);
    assertThat(ids(pending.json())).contains(id);

    Response granted = hub.post(REQUESTS + "/" + id + "/grant",
        "{\"fields\": [\"personalId\", \"hasOutstandingDebt\"], \"reason\": \"đúng chức năng\"}").bearer(finance).send();
    assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    assertThat(granted.json().get("state").asString()).isEqualTo("granted");
    assertThat(granted.json().get("decision").get("fields").toString()).isEqualTo("[\"personalId\",\"hasOutstandingDebt\"]");
    JsonNode held = myRight(daNang, SERVICE);
    assertThat(held).as("the consumer sees the right it holds").isNotNull();
    assertThat(held.get("fields").toString()).isEqualTo("[\"personalId\",\"hasOutstandingDebt\"]");
    assertThat(held.get("accessRequest").asString()).isEqualTo(id);

    Response answer = taxObligation(daNang);
    assertThat(answer.status()).as("the right holds at once on this hub: %s", answer.body()).isEqualTo(200);
    assertThat(fieldNames(answer.json())).containsExactlyInAnyOrder("personalId", "hasOutstandingDebt");
    assertThat(answer.json().get("hasOutstandingDebt").asBoolean()).isTrue();

    Response allowed = hub.get("/r1/VN/GOV/BTC/THUE/allowedMethods").bearer(daNang)
        .header("X-Road-Client", HubClient.DA_NANG).send();
    assertThat(allowed.body()).as("allowedMethods shows the new right").contains("\"serviceCode\":\"tax-obligation\"")
        .doesNotContain("\"serviceCode\":\"taxpayer\"");

    assertThat(problem(hub.post(REQUESTS + "/" + id + "/grant", "{}").bearer(finance).send()))
        .as("answered once").isEqualTo("409 Client.Conflict");
    assertThat(problem(hub.post(REQUESTS + "/" + id + "/revoke", "{}").bearer(finance).send()))
        .as("a revocation needs a reason").isEqualTo("400 Client.InvalidRequest");
    Response revoked = hub.post(REQUESTS + "/" + id + "/revoke", "{\"reason\": \"hết nhu cầu " + "x".repeat(980) + "\"}")
        .bearer(finance).send();
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(problem(taxObligation(daNang))).as("revocation is immediate").isEqualTo("403 Client.AccessDenied");
    assertThat(myRight(daNang, SERVICE)).as("nor held any more").isNull();

    Response own = hub.get(REQUESTS).bearer(daNang).send();
    assertThat(own.json().findValues("state").stream().map(JsonNode::asString)).as("the consumer sees its request")
        .contains("revoked");
    assertThat(hub.get(REQUESTS + "/" + id).bearer(hub.token(HubClient.HANOI)).send().status())
        .as("nobody else's").isEqualTo(404);

    List<String> actions = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      actions.clear();
      hub.admin("/admin/api/exchanges?kind=admin&service=" + SERVICE).json().get("items")
          .forEach(r -> actions.add(r.get("action").asString() + " " + r.get("status").asInt()));
      return actions.contains("access-request.revoke 200");
    });
    assertThat(actions).contains("access-request.submit 201", "access-request.grant 200", "access-request.grant 403",
        "access-request.grant 409", "access-request.revoke 400", "access-request.revoke 200");
    List<String> ofTheMinistry = new ArrayList<>();
    hub.admin("/admin/api/exchanges?kind=admin&size=200&member=VN/GOV/BTC").json().get("items")
        .forEach(r -> ofTheMinistry.add(r.get("action").asString() + " " + r.get("serviceId").asString()));
    assertThat(ofTheMinistry).as("found by the provider's member").contains("access-request.grant " + SERVICE)
        .allMatch(a -> a.contains(" VN/GOV/BTC/"));
    assertThat(hub.admin("/admin/api/exchanges?member=VN/GOV").status()).isEqualTo(400);
    assertThat(hub.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
  }

  /**
   * A rollback puts an older version's rights back but leaves those granted by access requests as their
   * requests stand: a right granted since stays while its request reads granted, and a right revoked since
   * does not come back.
   */
  @Test
  void aRollbackLeavesRightsGrantedByRequestsAsTheirRequestsStand() {
    String daNang = hub.token(HubClient.DA_NANG);
    String finance = hub.token(HubClient.FINANCE_ADMIN, "write:rights");
    long before = hub.rightsVersion();
    String id = hub.post(REQUESTS, ask(SERVICE, "[]")).bearer(daNang).send().json().get("id").asString();
    assertThat(hub.post(REQUESTS + "/" + id + "/grant", "{}").bearer(finance).send().status()).isEqualTo(200);
    long granted = hub.rightsVersion();
    Response changed = hub.adminPost("/admin/api/access-rights/apply", "{\"reason\": \"a change to roll back\", \"files\":"
        + " {\"access-rights.yaml\": \"hub:\\n  access:\\n    clients: []\\n\"}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(taxObligation(daNang).status()).as("the request's right outlives a change of the configuration")
        .isEqualTo(200);

    Response back = hub.adminPost("/admin/api/access-rights/rollback",
        "{\"version\": " + before + ", \"reason\": \"undo\"}");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(taxObligation(daNang).status()).as("granted since, and still granted").isEqualTo(200);
    assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HubClient.HANOI, hub.token(HubClient.HANOI)).send().status())
        .as("the configuration's rights are back").isEqualTo(200);
    assertThat(hub.get(REQUESTS + "/" + id).bearer(daNang).send().json().get("state").asString()).isEqualTo("granted");

    assertThat(hub.post(REQUESTS + "/" + id + "/revoke", "{\"reason\": \"xong\"}").bearer(finance).send().status())
        .isEqualTo(200);
    assertThat(hub.adminPost("/admin/api/access-rights/rollback", "{\"version\": " + granted + ", \"reason\": \"again\"}")
        .status()).isEqualTo(200);
    assertThat(problem(taxObligation(daNang))).as("a revoked right does not come back").isEqualTo("403 Client.AccessDenied");
  }

  @Test
  void aRefusalIsInWritingWithAReasonAndALegalBasis() {
    String hcmc = hub.token(HubClient.HCMC);
    String finance = hub.token(HubClient.FINANCE_ADMIN, "write:rights");
    String id = hub.post(REQUESTS, ask("VN/GOV/BTC/THUE/taxpayer", "[]")).bearer(hcmc).send().json().get("id").asString();

    assertThat(problem(hub.post(REQUESTS + "/" + id + "/refuse", "{\"reason\": \"không thuộc thẩm quyền\"}")
        .bearer(finance).send())).as("no legal basis").isEqualTo("400 Client.InvalidRequest");
    assertThat(problem(hub.post(REQUESTS + "/" + id + "/refuse",
        "{\"legalBasis\": {\"document\": \"38/2019/QH14\", \"article\": \"Điều 99\"}}").bearer(finance).send()))
        .as("no reason").isEqualTo("400 Client.InvalidRequest");
    Response refused = hub.post(REQUESTS + "/" + id + "/refuse", "{\"reason\": \"không thuộc thẩm quyền\","
        + " \"legalBasis\": {\"document\": \"38/2019/QH14\", \"article\": \"Điều 99\"}}").bearer(finance).send();
    assertThat(refused.status()).as(refused.body()).isEqualTo(200);
    assertThat(refused.json().get("state").asString()).isEqualTo("refused");
    assertThat(refused.json().get("decision").get("legalBasis").get("document").asString()).isEqualTo("38/2019/QH14");
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/taxpayer/001085000002").as(HubClient.HCMC, hcmc).send().status())
        .isEqualTo(403);
  }

  @Test
  void badRequestsAreRefusedWithAStableTypeAndNothingIsFiled() {
    String daNang = hub.token(HubClient.DA_NANG);
    int before = hub.get(REQUESTS).bearer(daNang).send().json().size();
    String validUntil = LocalDate.now().plusMonths(6).toString();
    List<String> bad = List.of(
        "not json",
        "[]",
        "{\"service\": \"VN/GOV/BTC/THUE/tax-obligation\"}",
        ask("VN/GOV/BTC/THUE/no-such-service", "[]"),
        ask(SERVICE, "[\"salary\"]"),
        ask(SERVICE, "[\"personalId\", \"personalId\"]"),
        ask("not an id", "[]"),
        ask(SERVICE, "[]").replace(validUntil, "2020-01-01"),
        ask(SERVICE, "[]").replace(validUntil, "31/12/2027"),
        ask(SERVICE, "[]").replace("\"Điều 14\"", "\"\""),
        ask(SERVICE, "[]").replace("{\"service\"", "{\"extra\": 1, \"service\""),
        ask(SERVICE, "[]").replace("Tiếp nhận", "Tiếp\\u0000nhận"),
        ask("VN/GOV/BTC/THUE/001085000123", "[]"));
    for (String body : bad) {
      Response r = hub.post(REQUESTS, body).bearer(daNang).send();
      assertThat(r.status()).as(body).isBetween(400, 404);
      assertThat(r.header("Content-Type")).as(body).startsWith("application/problem+json");
      assertThat(r.body()).as(body).doesNotContain("Exception", "at vn.", "SQL");
    }
    assertThat(problem(hub.post(REQUESTS, ask(SERVICE, "[]")).send())).isEqualTo("401 Client.Unauthenticated");
    assertThat(problem(hub.post(REQUESTS, ask(SERVICE, "[]")).bearer("not-a-token").send()))
        .isEqualTo("401 Client.Unauthenticated");
    assertThat(problem(hub.get(REQUESTS + "?state=maybe").bearer(daNang).send())).isEqualTo("400 Client.InvalidRequest");
    assertThat(problem(hub.get(REQUESTS + "?as=provider").bearer(daNang).send())).isEqualTo("403 Client.AccessDenied");
    assertThat(problem(hub.get(REQUESTS + "/42").bearer(daNang).send())).isEqualTo("404 Client.NotFound");
    assertThat(hub.get(REQUESTS).bearer(daNang).send().json().size()).as("nothing filed").isEqualTo(before);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").body()
        .contains("\"serviceId\":\"VN/GOV/BTC/THUE/#"));
    assertThat(hub.admin("/admin/api/exchanges?kind=admin&size=200").body()).as("a personal ID sent as a service name")
        .doesNotContain("001085000123");
  }

  /** The caller's right to the service as {@code GET /api/v1/my-rights} tells it; null if it holds none. */
  private JsonNode myRight(String token, String service) {
    Response mine = hub.get("/api/v1/my-rights").bearer(token).send();
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    for (JsonNode right : mine.json().get("rights")) {
      if (right.get("service").asString().equals(service)) {
        return right;
      }
    }
    return null;
  }

  private Response taxObligation(String token) {
    return hub.get(CALL).as(HubClient.DA_NANG, token).send();
  }

  private static String ask(String service, String fields) {
    return "{\"service\": \"" + service + "\", \"fields\": " + fields + ", \"purpose\": \"Tiếp nhận hồ sơ trợ cấp xã hội\","
        + " \"legalBasis\": {\"document\": \"47/2020/NĐ-CP\", \"article\": \"Điều 14\"}, \"validUntil\": \""
        + LocalDate.now().plusMonths(6) + "\"}";
  }

  private static String problem(Response r) {
    return r.status() + " " + r.json().path("type").asString();
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(r -> ids.add(r.get("id").asString()));
    return ids;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }
}
