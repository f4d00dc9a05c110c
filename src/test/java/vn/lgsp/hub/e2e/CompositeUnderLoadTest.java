package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestIds;

/**
 * The composite under ordinary concurrency: more one-stop clerks open {@code citizen-profile} at
 * once than the hub has front threads. Each composite holds a front thread while its sources run
 * on the fan-out lane, so no source waits for a thread its own composite holds: every section of
 * every answer comes back {@code ok}, and each source call is still an exchange with its record.
 */
class CompositeUnderLoadTest extends SandboxHubTest {

  private static final int CALLERS = 100;
  private static final int CALLS_EACH = 3;
  // a sandbox person with data in the population, tax and insurance registers (README)
  private static final String CITIZEN = "001085000123";

  @Test
  void hundredConcurrentCompositeCallersGetEverySectionOk() throws Exception {
    String token = hub.token(HANOI);
    String run = TestIds.unique("PROFILE");
    // a hub that has served a call or two (classes loaded), as on any morning after start
    for (int i = 0; i < 3; i++) {
      hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN).as(HANOI, token).send();
    }
    Map<String, Response> answers = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Future<?>> done = new ArrayList<>();
    long began = System.nanoTime();
    for (int c = 0; c < CALLERS; c++) {
      int caller = c;
      done.add(callers.submit(() -> {
        start.await();
        for (int n = 0; n < CALLS_EACH; n++) {
          String messageId = run + "-" + caller + "-" + n;
          answers.put(messageId, hub.get("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN)
              .as(HANOI, token).header("X-Road-Id", messageId).send());
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> caller : done) {
      caller.get(120, TimeUnit.SECONDS);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    callers.shutdown();

    assertThat(answers).hasSize(CALLERS * CALLS_EACH);
    Map<String, Integer> sectionsNotOk = new ConcurrentHashMap<>();
    answers.forEach((messageId, r) -> {
      assertThat(r.status()).as("%s: %s", messageId, r.body()).isEqualTo(200);
      JsonNode sources = r.json().get("sources");
      assertThat(sources.size()).isEqualTo(3);
      sources.properties().forEach(section -> {
        if (!"ok".equals(section.getValue().path("status").asString())) {
          // with the source's problem type, or none when its call timed out: what a failure needs to say
          sectionsNotOk.merge(section.getKey() + "=" + section.getValue().path("status").asString() + " ("
              + section.getValue().path("problem").asString("no answer in time") + ")", 1, Integer::sum);
        }
      });
    });
    System.out.printf("composite: %d calls from %d callers in %d ms, sections not ok: %s%n",
        answers.size(), CALLERS, millis, sectionsNotOk);
    assertThat(sectionsNotOk).as("sections not ok, %d composites in %d ms", answers.size(), millis).isEmpty();

    // a source call under load is still an ordinary exchange with its own record
    String someComposite = run + "-" + (CALLERS - 1) + "-" + (CALLS_EACH - 1);
    JsonNode source = hub.awaitRecord(someComposite + ":tax");
    assertThat(source.get("status").asInt()).isEqualTo(200);
    assertThat(source.get("clientId").asString()).isEqualTo(HANOI);
    assertThat(hub.awaitRecord(someComposite).get("status").asInt()).isEqualTo(200);
  }
}
