package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;
import static vn.lgsp.hub.support.HubClient.INVESTIGATOR;
import static vn.lgsp.hub.support.HubClient.PORTAL;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.sandbox.rest.BankSandbox;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The readers of the log: an auditor searching by personal ID and reading statistics and a captured
 * payload, a consumer reading its own records only, and a citizen's portal asking the data tracker
 * who used a person's data, with covert access hidden.
 */
class AuditorToolsEndToEndTest extends SandboxHubTest {

  @Autowired BankSandbox bank;

  private String lookUp(String client, String personalId, String issue) {
    String messageId = UUID.randomUUID().toString();
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + personalId).bearer(hub.token(client))
        .header("X-Road-Client", client).header("X-Road-Issue", issue).header("X-Road-Id", messageId).send();
    assertThat(r.status()).as(r.body()).isIn(200, 404);
    hub.awaitRecord(messageId);
    return messageId;
  }

  @Test
  void anAuditorFindsACitizensExchangesByPersonalIdAndOtherFilters() {
    String person = "001085000321";
    String found = lookUp(HANOI, person, "HS-AUDIT-1");
    String missing = lookUp(HANOI, "001085999321", "HS-AUDIT-2");

    JsonNode byPerson = hub.admin("/admin/api/exchanges?personalId=" + person).json();
    assertThat(byPerson.get("total").asLong()).isEqualTo(1);
    assertThat(byPerson.get("items").get(0).get("messageId").asString()).isEqualTo(found);
    assertThat(byPerson.toString()).doesNotContain(person);

    JsonNode byError = hub.admin("/admin/api/exchanges?errorType=Client.NotFound&purpose=HS-AUDIT-2").json();
    assertThat(byError.get("items").findValuesAsString("messageId")).containsExactly(missing);
    JsonNode byStatus = hub.admin("/admin/api/exchanges?status=404&client=" + HANOI + "&service=VN/GOV/BCA/DANCU/citizen-info").json();
    assertThat(byStatus.get("items").findValuesAsString("messageId")).contains(missing).doesNotContain(found);

    assertThat(hub.admin("/admin/api/exchanges/statistics?granularity=day").status()).as("needs a time range").isEqualTo(400);
    String since = java.time.Instant.now().minusSeconds(86_400).toString();
    JsonNode stats = hub.admin("/admin/api/exchanges/statistics?granularity=day&from=" + since + "&client=" + HANOI).json();
    JsonNode ok = null;
    for (JsonNode bucket : stats.get("buckets")) {
      if (bucket.get("status").asInt() == 200 && "VN/GOV/BCA/DANCU/citizen-info".equals(bucket.path("serviceId").asString())) {
        ok = bucket;
      }
    }
    assertThat(ok).as(stats.toString()).isNotNull();
    assertThat(ok.get("count").asLong()).isPositive();
    assertThat(ok.get("p95Ms").asDouble()).isGreaterThanOrEqualTo(ok.get("p50Ms").asDouble()).isPositive();

    for (String bad : new String[] {"personalId=12345", "status=abc", "from=yesterday", "client=%0d%0aX",
        "nonsense=1", "purpose='%20OR%201=1--"}) {
      Response r = hub.admin("/admin/api/exchanges?" + bad);
      if (bad.startsWith("purpose")) {
        assertThat(r.status()).as(bad).isEqualTo(200);
        assertThat(r.json().get("total").asLong()).as("SQL text is a value, not SQL").isZero();
      } else {
        assertThat(r.status()).as(bad).isEqualTo(400);
        assertThat(r.json().get("type").asString()).isEqualTo("Client.InvalidRequest");
      }
    }
  }

  @Test
  void aCapturedPayloadIsReadOnlyWithAReasonThatIsItselfLogged() {
    String messageId = UUID.randomUUID().toString();
    String body = "{\"bankCode\":\"VCB\",\"accountNumber\":\"" + bank.accountNumberOf("001085000123")
        + "\",\"personalId\":\"001085000123\",\"fullName\":\"Đỗ Công Sơn\"}";
    Response r = hub.post("/r1/VN/COM/VCB/TAIKHOAN/account-verify", body).as(HANOI, hub.token(HANOI))
        .header("X-Road-Id", messageId).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String id = hub.awaitRecord(messageId).get("id").asString();

    Response noReason = hub.admin("/admin/api/exchanges/" + id + "/payload");
    assertThat(noReason.status()).isEqualTo(400);

    Response read = hub.admin("/admin/api/exchanges/" + id + "/payload?reason=" + enc("dispute 2026/17 at the bank"));
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    JsonNode disclosed = read.json();
    assertThat(disclosed.get("request").asString())
        .startsWith("POST /r1/VN/COM/VCB/TAIKHOAN/account-verify\nX-Road-Id: " + messageId + "\n")
        .contains("\"accountNumber\"");
    assertThat(disclosed.get("response").asString()).isEqualTo(r.body());
    assertThat(disclosed.get("requestMatchesRecord").asBoolean()).isTrue();
    assertThat(disclosed.get("responseMatchesRecord").asBoolean()).isTrue();

    JsonNode trail = await().atMost(Duration.ofSeconds(10)).until(
        () -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items"),
        items -> items.findValuesAsString("reason").contains("dispute 2026/17 at the bank"));
    assertThat(trail.findValuesAsString("action")).contains("exchange-log.payload-read");

    // services that do not capture have no payload to read
    String lookup = lookUp(HANOI, "001085000123", "HS-1");
    String other = hub.records(lookup).get(0).get("id").asString();
    assertThat(hub.admin("/admin/api/exchanges/" + other + "/payload?reason=curious").status()).isEqualTo(404);
  }

  @Test
  void aConsumerReadsOnlyItsOwnRecords() {
    String hanoi = lookUp(HANOI, "001085000123", "HS-OWN-1");
    String hcmc = lookUp(HCMC, "001085000123", "HS-OWN-2");

    Response own = hub.get("/consumer/api/exchanges?size=200").bearer(hub.token(HANOI)).header("X-Road-Client", HANOI)
        .send();
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("items").findValuesAsString("messageId")).contains(hanoi).doesNotContain(hcmc);

    Response other = hub.get("/consumer/api/exchanges?messageId=" + hcmc).bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send();
    assertThat(other.json().get("total").asLong()).isZero();
    Response trying = hub.get("/consumer/api/exchanges?client=" + HCMC).bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send();
    assertThat(trying.status()).isEqualTo(400);
    String forged = UUID.randomUUID().toString();
    Response impersonating = hub.get("/consumer/api/exchanges").bearer(hub.token(HANOI)).header("X-Road-Client", HCMC)
        .header("X-Road-Id", forged).send();
    assertThat(impersonating.status()).isEqualTo(403);
    hub.awaitRecord(forged);
    // Hanoi's attempt to pass for Ho Chi Minh City is Hanoi's record, not one planted in HCMC's view
    Response hcmcView = hub.get("/consumer/api/exchanges?messageId=" + forged).bearer(hub.token(HCMC))
        .header("X-Road-Client", HCMC).send();
    assertThat(hcmcView.json().get("total").asLong()).isZero();
    Response hanoiView = hub.get("/consumer/api/exchanges?messageId=" + forged).bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send();
    assertThat(hanoiView.json().get("total").asLong()).isEqualTo(1);
    assertThat(hub.get("/consumer/api/exchanges").header("X-Road-Client", HANOI).send().status()).isEqualTo(401);
  }

  @Test
  void theDataTrackerListsAccessesWithTheirPurposeAndHidesCovertOnes() {
    String person = "001085000654";
    lookUp(HANOI, person, "HS-2026-TRACK");
    lookUp(INVESTIGATOR, person, "VA-2026-0099");
    lookUp(HANOI, "001085000655", "HS-OTHER");

    String trackerId = UUID.randomUUID().toString();
    Response r = hub.get("/datatracker/v1/findUsage?personalId=" + person + "&periodStart=2026-01-01")
        .bearer(hub.token(PORTAL)).header("X-Road-Client", PORTAL).header("X-Road-Id", trackerId).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode answer = r.json();
    assertThat(answer.get("totalUsages").asLong()).isEqualTo(1);
    JsonNode usage = answer.get("usages").get(0);
    assertThat(usage.get("receiverCode").asString()).isEqualTo("UBND-HN");
    assertThat(usage.get("receiverName").asString()).isEqualTo("Ủy ban nhân dân thành phố Hà Nội");
    assertThat(usage.get("receiverSystem").asString()).isEqualTo(HANOI);
    assertThat(usage.get("purpose").asString()).isEqualTo("HS-2026-TRACK");
    // what was done, as a citizen reads it; the service id stays for machines
    assertThat(usage.get("action").asString()).isEqualTo("Tra cứu thông tin công dân");
    assertThat(usage.get("service").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(usage.get("logtime").asString()).startsWith("20");
    assertThat(r.body()).doesNotContain("DIEUTRA").doesNotContain("VA-2026-0099");

    // the hiding is recorded for operators in the tracker's own record, not in a record of its own
    JsonNode tracked = hub.awaitRecord(trackerId);
    assertThat(tracked.get("reason").asString()).startsWith("data-tracker.covert-hidden: 1 usage(s)");
    assertThat(hub.admin("/admin/api/exchanges?kind=event&personalId=" + person).json().get("total").asLong()).isZero();
    // and the portal, reading its own records, cannot see that note
    JsonNode own = hub.get("/consumer/api/exchanges?messageId=" + trackerId).bearer(hub.token(PORTAL))
        .header("X-Road-Client", PORTAL).send().json();
    assertThat(own.get("total").asLong()).isEqualTo(1);
    assertThat(own.get("items").get(0).has("reason")).isFalse();
    assertThat(own.toString()).doesNotContain("covert").doesNotContain("chain");

    JsonNode english = hub.get("/datatracker/v1/findUsage?personalId=" + person + "&periodStart=2026-01-01")
        .bearer(hub.token(PORTAL)).header("X-Road-Client", PORTAL).header("Accept-Language", "en-GB, vi;q=0.5").send()
        .json().get("usages").get(0);
    assertThat(english.get("action").asString()).isEqualTo("Citizen information lookup");
    assertThat(english.get("service").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(english.get("receiverName").asString()).isEqualTo("Ủy ban nhân dân thành phố Hà Nội");

    assertThat(findUsage(PORTAL, "personalId=" + person + "&periodEnd=2020-01-01").json().get("totalUsages").asLong())
        .isZero();
    assertThat(findUsage(HANOI, "personalId=" + person).status()).isEqualTo(403);
    assertThat(findUsage(PORTAL, "personalId=12345").status()).isEqualTo(400);
    assertThat(findUsage(PORTAL, "periodStart=2026-01-01").status()).isEqualTo(400);
    assertThat(findUsage(PORTAL, "personalId=" + person + "&limit=1000").status()).isEqualTo(400);
  }

  private Response findUsage(String client, String query) {
    return hub.get("/datatracker/v1/findUsage?" + query).bearer(hub.token(client)).header("X-Road-Client", client).send();
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
