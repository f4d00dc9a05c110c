package vn.lgsp.hub.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubProcess;
import vn.lgsp.hub.support.TestDataDir;
import vn.lgsp.hub.support.TestIds;

/**
 * A 1,000-item batch job outlives its hub: the hub (a child process) is stopped half-way through
 * the job and started again on the same data directory; the job goes on where it was and ends with
 * 1,000 result lines and exactly one exchange record per item, none run twice.
 */
class BatchJobRestartTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration START = Duration.ofSeconds(120);
  private static final int ITEMS = 1000;
  // 1,000 items take about 10 s at this pace: long enough to stop the hub in the middle
  private static final List<String> SETTINGS = List.of("--hub.batch.rate-per-second=100");

  @Test
  void aThousandItemJobSurvivesARestartHalfWay() throws Exception {
    Path dataDir = TestDataDir.create("batch-restart");
    String purpose = TestIds.unique("BATCH-RESTART");
    String body = BatchLookupsTest.jsonLines(IntStream.range(0, ITEMS).map(i -> 20_000 + i)
        .mapToObj(BatchLookupsTest::person).toList());
    String location;
    int doneAtStop;
    HubProcess first = HubProcess.start(dataDir, SETTINGS);
    try {
      HubClient hub = new HubClient(first.awaitReady(START));
      String token = hub.token(HANOI);
      HubClient.Response accepted = hub.post("/batch/v1/jobs?service=VN/GOV/BCA/DANCU/citizen-info", "")
          .withBody(body).as(HANOI, token).header("X-Road-Issue", purpose).header("Content-Type", "application/jsonl")
          .send();
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      location = accepted.header("Location");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> hub.get(location).as(HANOI, token).send().json().get("done").asInt(), done -> done >= 250);
    } finally {
      first.close();
    }

    HubProcess second = HubProcess.start(dataDir, SETTINGS);
    try {
      HubClient hub = new HubClient(second.awaitReady(START));
      String token = hub.token(HANOI);
      doneAtStop = hub.get(location).as(HANOI, token).send().json().get("done").asInt();
      assertThat(doneAtStop).as("stopped half-way").isBetween(250, ITEMS - 1);
      JsonNode job = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> hub.get(location).as(HANOI, token).send().json(), j -> "done".equals(j.get("status").asString()));
      assertThat(job.get("done").asInt()).isEqualTo(ITEMS);
      assertThat(job.get("failed").asInt()).isZero();

      HubClient.Response results = hub.get(location + "/results").as(HANOI, token).send();
      List<JsonNode> lines = results.body().lines().map(JSON::readTree).toList();
      assertThat(lines).hasSize(ITEMS);
      assertThat(lines).allSatisfy(line -> assertThat(line.get("outcome").asString()).isEqualTo("ok"));
      assertThat(lines.stream().map(line -> line.get("line").asInt())).containsExactlyElementsOf(
          IntStream.rangeClosed(1, ITEMS).boxed().toList());

      // 1,000 item records (and the submission's), each exactly once
      Map<String, Integer> records = await().atMost(Duration.ofSeconds(30))
          .until(() -> hub.recordCountsByMessageId(purpose), counts -> counts.size() >= ITEMS + 1);
      assertThat(records).hasSize(ITEMS + 1);
      assertThat(records).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
      lines.forEach(line -> assertThat(records).containsKey(line.get("xRoadId").asString()));
    } finally {
      second.close();
    }
    System.out.printf("batch restart: %d of %d items done when the hub stopped%n", doneAtStop, ITEMS);
  }
}
