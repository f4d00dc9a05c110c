package vn.lgsp.hub.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubProcess;
import vn.lgsp.hub.support.TestDataDir;
import vn.lgsp.hub.support.TestIds;

/**
 * Work that outlives its hub, with the hub as a child process stopped and started again on the same
 * data directory: a 1,000-item batch job stopped half-way goes on where it was and ends with 1,000
 * result lines and exactly one exchange record per item, none run twice; register events published
 * while their subscriber was down arrive after the restart, each once.
 */
class WorkSurvivesARestartTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration START = Duration.ofSeconds(120);
  private static final int ITEMS = 1000;
  private static final String ROOM = "/r1/VN/GOV/BCA/DANCU";
  private static final String MOVED = "citizen.residence-changed";
  private static final String REGISTER = "VN/GOV/BCA/DANCU";
  // 1,000 items take about 10 s at this pace: long enough to stop the hub in the middle
  private static final List<String> SETTINGS = List.of("--hub.batch.rate-per-second=100",
      "--hub.sandbox.events.enabled=false");

  private static String inputs() {
    return IntStream.range(0, ITEMS).mapToObj(i -> "{\"personalId\":\"001085" + String.format("%06d", 20_000 + i) + "\"}\n")
        .reduce("", String::concat);
  }

  private static String moved(String personalId) {
    String address = "{\"line\":\"1 Trần Phú\",\"ward\":\"Phường Hải Châu\",\"province\":\"Thành phố Đà Nẵng\","
        + "\"provinceCode\":\"48\",\"full\":\"1 Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng\"}";
    return "{\"event\":{\"personalId\":\"" + personalId + "\",\"changedOn\":\"2026-12-01\",\"previousAddress\":" + address
        + ",\"currentAddress\":" + address + "}}";
  }

  @Test
  void aBatchJobAndUndeliveredEventsOutliveTheirHub() throws Exception {
    Path dataDir = TestDataDir.create("work-restart");
    String purpose = TestIds.unique("BATCH-RESTART");
    int receiverPort = FreePort.pick();
    List<String> events = new ArrayList<>();
    String location;
    HubProcess first = HubProcess.start(dataDir, SETTINGS);
    try {
      HubClient hub = new HubClient(first.awaitReady(START));
      String token = hub.token(HANOI);
      // events for a receiver that is not listening yet
      HubClient.Response sub = hub.post(ROOM + "/api/v1/subs/" + MOVED, "{\"delivery\":\"PUSH\",\"endpoint\":"
          + "\"http://127.0.0.1:" + receiverPort + "/events\",\"retry\":{\"maxAttempts\":100,\"firstRetrySeconds\":1,"
          + "\"maxRetrySeconds\":3}}").as(HANOI, token).send();
      assertThat(sub.status()).as(sub.body()).isEqualTo(200);
      for (int i = 1; i <= 3; i++) {
        HubClient.Response published = hub.post(ROOM + "/pub/v1/" + MOVED, moved("00108555000" + i))
            .as(REGISTER, hub.token(REGISTER)).send();
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        events.add(published.json().get("id").asString());
      }
      HubClient.Response accepted = hub.post("/batch/v1/jobs?service=VN/GOV/BCA/DANCU/citizen-info", "")
          .withBody(inputs()).as(HANOI, token).header("X-Road-Issue", purpose).header("Content-Type", "application/jsonl")
          .send();
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      location = accepted.header("Location");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> hub.get(location).as(HANOI, token).send().json().get("done").asInt(), done -> done >= 250);
      // the pushes were tried, and failed, before the stop
      assertThat(hub.records(events.get(0)).findValuesAsString("status")).contains("502");
    } finally {
      first.close();
    }

    WireMockServer receiver = new WireMockServer(options().port(receiverPort));
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200)));
    HubProcess second = HubProcess.start(dataDir, SETTINGS);
    int doneAtStop;
    try {
      HubClient hub = new HubClient(second.awaitReady(START));
      String token = hub.token(HANOI);
      doneAtStop = hub.get(location).as(HANOI, token).send().json().get("done").asInt();
      assertThat(doneAtStop).as("stopped half-way").isBetween(250, ITEMS - 1);
      JsonNode job = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> hub.get(location).as(HANOI, token).send().json(), j -> "done".equals(j.get("status").asString()));
      assertThat(job.get("done").asInt()).isEqualTo(ITEMS);
      assertThat(job.get("failed").asInt()).isZero();

      List<JsonNode> lines = hub.get(location + "/results").as(HANOI, token).send().body().lines().map(JSON::readTree)
          .toList();
      assertThat(lines).hasSize(ITEMS);
      assertThat(lines).allSatisfy(line -> assertThat(line.get("outcome").asString()).isEqualTo("ok"));
      assertThat(lines.stream().map(line -> line.get("line").asInt()))
          .containsExactlyElementsOf(IntStream.rangeClosed(1, ITEMS).boxed().toList());
      // 1,000 item records (and the submission's), each exactly once
      Map<String, Integer> records = await().atMost(Duration.ofSeconds(30))
          .until(() -> hub.recordCountsByMessageId(purpose), counts -> counts.size() >= ITEMS + 1);
      assertThat(records).hasSize(ITEMS + 1).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
      lines.forEach(line -> assertThat(records).containsKey(line.get("xRoadId").asString()));

      // every event arrived after the restart, once
      await().atMost(Duration.ofSeconds(60))
          .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/events"))).size() >= events.size());
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/events"))).size() == events.size());
      assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/events"))).stream().map(r -> r.getHeader("webhook-id")))
          .containsExactlyInAnyOrderElementsOf(events);
    } finally {
      second.close();
      receiver.stop();
    }
    System.out.printf("restart: %d of %d batch items done when the hub stopped%n", doneAtStop, ITEMS);
  }
}
