package vn.lgsp.hub.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.DA_NANG;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestIds;

/**
 * Batch lookups against the sandbox registers: a job's every input is an exchange of its own, with
 * the job's purpose and the caller's rights and minimisation; the results hold one line per input in
 * the inputs' order; only the owner sees a job; bad submissions are refused with a problem and
 * recorded. (A job surviving a hub restart: {@code e2e.WorkSurvivesARestartTest}.)
 */
class BatchLookupsTest extends SandboxHubTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String CITIZEN_INFO = "VN/GOV/BCA/DANCU/citizen-info";
  private static final String JOBS = "/batch/v1/jobs";

  /** Sandbox people born in 1985 in province 001: serials below 900000 exist. */
  static String person(int serial) {
    return "001085" + String.format("%06d", serial);
  }

  static String jsonLines(List<String> ids) {
    return ids.stream().map(id -> "{\"personalId\":\"" + id + "\"}").collect(Collectors.joining("\n", "", "\n"));
  }

  private Response submit(String client, String token, String purpose, String service, String contentType, String body) {
    return hub.post(JOBS + "?service=" + service, "").withBody(body).as(client, token)
        .header("X-Road-Issue", purpose).header("Content-Type", contentType).send();
  }

  private JsonNode awaitEnded(String client, String token, String location) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> hub.get(location).as(client, token).send().json(),
            job -> List.of("done", "cancelled", "failed").contains(job.get("status").asString()));
  }

  private List<JsonNode> resultLines(String client, String token, String location) {
    Response results = hub.get(location + "/results?format=jsonl").as(client, token).send();
    assertThat(results.status()).as(results.body()).isEqualTo(200);
    assertThat(results.header("Content-Type")).startsWith("application/jsonl");
    return results.body().lines().map(line -> JSON.readTree(line)).toList();
  }

  @Test
  void everyInputIsAnExchangeOfItsOwnAndHasOneResultLineInOrder() {
    String token = hub.token(HANOI);
    String purpose = TestIds.unique("BATCH");
    List<String> ids = new ArrayList<>(IntStream.range(0, 40).mapToObj(BatchLookupsTest::person).toList());
    ids.set(7, "001085000"); // too short: the item's own exchange refuses it
    Response accepted = submit(HANOI, token, purpose, CITIZEN_INFO, "application/jsonl", jsonLines(ids));

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String location = accepted.header("Location");
    assertThat(location).isEqualTo(JOBS + "/" + accepted.json().get("id").asString());
    assertThat(accepted.json().get("total").asInt()).isEqualTo(40);
    JsonNode ended = awaitEnded(HANOI, token, location);
    assertThat(ended.get("status").asString()).isEqualTo("done");
    assertThat(ended.get("done").asInt()).isEqualTo(40);
    assertThat(ended.get("failed").asInt()).isEqualTo(1);
    assertThat(ended.get("remaining").asInt()).isZero();

    List<JsonNode> lines = resultLines(HANOI, token, location);
    assertThat(lines).hasSize(40);
    for (int i = 0; i < 40; i++) {
      JsonNode line = lines.get(i);
      assertThat(line.get("line").asInt()).isEqualTo(i + 1);
      assertThat(line.get("input").get("personalId").asString()).isEqualTo(ids.get(i));
      if (i == 7) {
        assertThat(line.get("status").asInt()).isEqualTo(400);
        assertThat(line.get("problem").get("type").asString()).isEqualTo("Client.InvalidPersonalId");
      } else {
        assertThat(line.get("outcome").asString()).as(line.toString()).isEqualTo("ok");
        assertThat(line.get("answer").get("personalId").asString()).isEqualTo(ids.get(i));
      }
    }
    // one exchange record per input, keyed by the line's X-Road-Id, with the job's purpose; and the submission's own
    Map<String, Integer> records = await().atMost(Duration.ofSeconds(20))
        .until(() -> hub.recordCountsByMessageId(purpose), counts -> counts.size() >= 41);
    assertThat(records).hasSize(41);
    lines.forEach(line -> assertThat(records.get(line.get("xRoadId").asString())).as(line.toString()).isEqualTo(1));
    JsonNode item = hub.awaitRecord(lines.get(0).get("xRoadId").asString());
    assertThat(item.get("clientId").asString()).isEqualTo(HANOI);
    assertThat(item.get("serviceId").asString()).isEqualTo(CITIZEN_INFO);
  }

  @Test
  void csvInAndOutAndMinimisedToTheCallersRight() {
    String token = hub.token(DA_NANG);
    String purpose = TestIds.unique("BATCH-DN");
    String csv = "personalId\r\n" + person(11) + "\r\n\"" + person(12) + "\"\r\n";
    Response accepted = submit(DA_NANG, token, purpose, CITIZEN_INFO, "text/csv", csv);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String location = accepted.header("Location");
    assertThat(awaitEnded(DA_NANG, token, location).get("status").asString()).isEqualTo("done");

    // Da Nang's right to citizen-info leaves out currentAddress: so do its batch results
    List<JsonNode> lines = resultLines(DA_NANG, token, location);
    assertThat(lines).hasSize(2);
    lines.forEach(line -> {
      assertThat(line.get("answer").has("permanentAddress")).as(line.toString()).isTrue();
      assertThat(line.get("answer").has("currentAddress")).as(line.toString()).isFalse();
    });
    Response csvResults = hub.get(location + "/results?format=csv").as(DA_NANG, token).send();
    assertThat(csvResults.status()).isEqualTo(200);
    List<String> rows = csvResults.body().lines().toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo("line,outcome,status,xRoadId,input,answer");
    assertThat(BatchInputs.fields(rows.get(1), 2)).hasSize(6).startsWith("1", "ok", "200");
    assertThat(BatchInputs.fields(rows.get(2), 3).get(5)).contains(person(12)).doesNotContain("currentAddress");
  }

  @Test
  void onlyTheOwnerSeesOrCancelsAJob() {
    String hanoi = hub.token(HANOI);
    String hcmc = hub.token(HCMC);
    String purpose = TestIds.unique("BATCH-OWN");
    Response accepted = submit(HANOI, hanoi, purpose, CITIZEN_INFO, "application/jsonl",
        jsonLines(IntStream.range(100, 3100).mapToObj(BatchLookupsTest::person).toList()));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String location = accepted.header("Location");

    for (Response other : List.of(hub.get(location).as(HCMC, hcmc).send(),
        hub.get(location + "/results").as(HCMC, hcmc).send(), hub.delete(location).as(HCMC, hcmc).send())) {
      assertThat(other.status()).isEqualTo(404);
      assertThat(other.json().get("type").asString()).isEqualTo("Client.NotFound");
    }
    assertThat(hub.get(JOBS).as(HCMC, hcmc).send().body()).doesNotContain(accepted.json().get("id").asString());
    assertThat(hub.get(JOBS).as(HANOI, hanoi).send().body()).contains(accepted.json().get("id").asString());

    // 3,000 items at Hanoi's pace take a minute: cancelled long before, the rest never run
    Response cancelled = hub.delete(location).as(HANOI, hanoi).send();
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
    assertThat(hub.delete(location).as(HANOI, hanoi).send().status()).isEqualTo(409);
    List<JsonNode> lines = resultLines(HANOI, hanoi, location);
    assertThat(lines).hasSize(3000);
    long run = lines.stream().filter(line -> line.has("status")).count();
    assertThat(run).isLessThan(3000);
    assertThat(lines.stream().filter(line -> "cancelled".equals(line.get("outcome").asString())).count())
        .isGreaterThanOrEqualTo(3000 - run);
  }

  @Test
  void badSubmissionsAreRefusedWithAProblemAndRecorded() {
    String hcmc = hub.token(HCMC);
    String ok = jsonLines(List.of(person(1)));
    record Case(String name, String service, String contentType, String body, int status, String type) {}
    List<Case> cases = List.of(
        new Case("no service", "", "application/jsonl", ok, 400, "Client.InvalidRequest"),
        new Case("unknown service", "VN/GOV/BCA/DANCU/nothing", "application/jsonl", ok, 404, "Client.UnknownService"),
        new Case("no right", "VN/GOV/BCA/DANCU/household", "application/jsonl", ok, 403, "Client.AccessDenied"),
        new Case("json body", CITIZEN_INFO, "application/json", "{\"personalId\":\"" + person(1) + "\"}", 415,
            "Client.UnsupportedMediaType"),
        new Case("line not json", CITIZEN_INFO, "application/jsonl", ok + "{\"personalId\":\n", 400,
            "Client.InvalidRequest"),
        new Case("fields do not fit", CITIZEN_INFO, "application/jsonl", ok + "{\"taxId\":\"0101234567\"}\n", 400,
            "Client.InvalidRequest"),
        new Case("no inputs", CITIZEN_INFO, "application/jsonl", "\n\n", 400, "Client.InvalidRequest"),
        new Case("csv columns", CITIZEN_INFO, "text/csv", "personalId\n1,2\n", 400, "Client.InvalidRequest"));
    for (Case c : cases) {
      String messageId = TestIds.unique("BATCH-BAD");
      Response refused = hub.post(JOBS + (c.service().isEmpty() ? "" : "?service=" + c.service()), "")
          .withBody(c.body()).as(HCMC, hcmc).header("Content-Type", c.contentType()).header("X-Road-Id", messageId)
          .send();
      assertThat(refused.status()).as(c.name() + ": " + refused.body()).isEqualTo(c.status());
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.json().get("type").asString()).as(c.name()).isEqualTo(c.type());
      assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at vn.");
      assertThat(hub.awaitRecord(messageId).get("status").asInt()).as(c.name()).isEqualTo(c.status());
    }
    // the purpose is required as for a single call
    Response noPurpose = hub.post(JOBS + "?service=" + CITIZEN_INFO, "").withBody(ok).bearer(hcmc)
        .header("X-Road-Client", HCMC).header("Content-Type", "application/jsonl").send();
    assertThat(noPurpose.status()).isEqualTo(400);
    assertThat(noPurpose.json().get("type").asString()).isEqualTo("Client.MissingIssue");
  }

  @Test
  void aHundredAndTwentyConcurrentSubmittersEachGetTheirJobDone() throws Exception {
    String token = hub.token(HCMC);
    String purpose = TestIds.unique("BATCH-MANY");
    ExecutorService callers = Executors.newFixedThreadPool(120);
    List<Future<Response>> submitted = new ArrayList<>();
    for (int c = 0; c < 120; c++) {
      String body = jsonLines(List.of(person(5000 + 2 * c), person(5001 + 2 * c)));
      submitted.add(callers.submit(() -> submit(HCMC, token, purpose, CITIZEN_INFO, "application/x-ndjson", body)));
    }
    List<String> locations = new ArrayList<>();
    for (Future<Response> f : submitted) {
      Response r = f.get(60, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      locations.add(r.header("Location"));
    }
    callers.shutdown();
    assertThat(locations).doesNotHaveDuplicates();
    for (String location : locations) {
      assertThat(awaitEnded(HCMC, token, location).get("done").asInt()).isEqualTo(2);
    }
    // 120 submissions and 240 items, each with exactly one record
    Map<String, Integer> records = await().atMost(Duration.ofSeconds(30))
        .until(() -> hub.recordCountsByMessageId(purpose), counts -> counts.size() >= 360);
    assertThat(records).hasSize(360).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
  }

  @Test
  void theLargestJobIsTakenAndOneLargerIsRefused() {
    String token = hub.token(HANOI);
    String purpose = TestIds.unique("BATCH-MAX");
    List<String> ids = IntStream.range(0, 100_000).mapToObj(BatchLookupsTest::person).toList();
    Response largest = submit(HANOI, token, purpose, CITIZEN_INFO, "application/jsonl", jsonLines(ids));
    assertThat(largest.status()).as(largest.body()).isEqualTo(202);
    assertThat(largest.json().get("total").asInt()).isEqualTo(100_000);
    String location = largest.header("Location");
    assertThat(hub.delete(location).as(HANOI, token).send().json().get("status").asString()).isEqualTo("cancelled");
    Response results = hub.get(location + "/results?format=csv").as(HANOI, token).send();
    assertThat(results.status()).isEqualTo(200);
    assertThat(results.body().lines().count()).isEqualTo(100_001);

    Response tooMany = submit(HANOI, token, purpose, CITIZEN_INFO, "application/jsonl",
        jsonLines(IntStream.range(0, 100_001).mapToObj(BatchLookupsTest::person).toList()));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("detail").asString()).contains("100000");
    // beyond the batch body limit (16 MiB) the edge refuses it unread, and records it
    String messageId = TestIds.unique("BATCH-HUGE");
    Response huge = hub.post(JOBS + "?service=" + CITIZEN_INFO, "").withBody("x".repeat(16 * 1024 * 1024 + 1))
        .as(HANOI, token).header("Content-Type", "application/jsonl").header("X-Road-Id", messageId).send();
    assertThat(huge.status()).isEqualTo(413);
    assertThat(hub.awaitRecord(messageId).get("status").asInt()).isEqualTo(413);
    // the larger limit is for callers the edge can authenticate: without credentials a 1 MiB body is too large
    Response anonymous = hub.post(JOBS + "?service=" + CITIZEN_INFO, "").withBody("x".repeat(1024 * 1024))
        .header("Content-Type", "application/jsonl").send();
    assertThat(anonymous.status()).isEqualTo(413);
    // the single-call limit still holds everywhere else
    Response bigCall = hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify", "{\"x\":\"" + "y".repeat(300_000) + "\"}")
        .as(HANOI, token).send();
    assertThat(bigCall.status()).isEqualTo(413);
  }
}
