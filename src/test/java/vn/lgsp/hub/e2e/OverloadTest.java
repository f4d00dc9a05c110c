package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestIds;

/**
 * Back-pressure: a hub driven beyond what it can serve refuses the excess at once with
 * {@code 503 Server.Hub.Overloaded} and {@code Retry-After}, logs every refusal, stays within its
 * heap and is ready afterwards; a composite whose source calls find the fan-out lane full says
 * {@code hub-overloaded} for those sections, not {@code unavailable}; and composites that hold
 * every front thread still get their sources. The lanes are made small here (4 front threads,
 * queue 8; 2 fan-out threads, queue 7) so that saturation comes within seconds; the mechanism is
 * the one the default sizes use.
 */
@TestPropertySource(properties = {
    "hub.engine.lanes.front-threads=4", "hub.engine.lanes.front-queue=8",
    "hub.engine.lanes.fan-out-threads=2", "hub.engine.lanes.fan-out-queue=7"})
class OverloadTest extends SandboxHubTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration MEASURE = Duration.ofSeconds(3);
  private static final Duration OVERLOAD = Duration.ofSeconds(6);
  private static final String OVERLOADED = "Server.Hub.Overloaded";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTicker() {
    ticker.shutdownNow();
  }

  @Test
  void fourTimesTheSustainableRateIsAnsweredWith200Or503AndEveryRefusalIsStored() throws Exception {
    String token = hub.token(HANOI);
    String run = TestIds.unique("OVERLOAD");
    // a cold hub is slower than a warm one: warm up first, or the rate measured is too low
    closedLoop(token, run + "-w", WARM_UP);
    double sustainable = closedLoop(token, run + "-m", MEASURE) / (double) MEASURE.toSeconds();
    double offered = 4 * sustainable;

    // open loop: requests go out at the offered rate whatever the hub answers
    Map<String, CompletableFuture<Answer>> calls = new ConcurrentHashMap<>();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peakHeap = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(() -> {
      long elapsed = Math.min(System.nanoTime() - start, OVERLOAD.toNanos());
      long due = (long) (offered * elapsed / 1e9);
      while (sent.get() < due) {
        String messageId = run + "-" + sent.getAndIncrement();
        calls.put(messageId, lookup(token, messageId, run));
      }
      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }, 0, 10, TimeUnit.MILLISECONDS);
    await().atMost(OVERLOAD.plusSeconds(5)).until(() -> System.nanoTime() - start > OVERLOAD.toNanos()
        && sent.get() >= (long) (offered * OVERLOAD.toSeconds()));
    ticker.shutdown();
    assertThat(ticker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

    // every request answered within its timeout, with 200 or an immediate, well-formed 503
    List<Answer> answers = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<Answer>> call : calls.entrySet()) {
      answers.add(call.getValue().get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
    }
    Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
    List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
    String figures = String.format("sustainable %.0f/s, offered %.0f/s, %d calls %s, slowest 200 %d ms, slowest 503 %d ms,"
        + " peak heap %d MiB of %d MiB", sustainable, offered, answers.size(), byStatus,
        answers.stream().filter(a -> a.status() == 200).mapToLong(Answer::millis).max().orElse(0),
        refused.stream().mapToLong(Answer::millis).max().orElse(0),
        peakHeap.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
    System.out.println("overload: " + figures);
    assertThat(byStatus.keySet()).as(figures).isSubsetOf(200, 503);
    assertThat(byStatus.get(200)).as(figures).isPositive();
    assertThat(answers.stream().filter(a -> a.status() == 200)).as("200 answers signed").allMatch(Answer::signed);
    assertThat(refused).as(figures).isNotEmpty();
    for (Answer r : refused) {
      assertThat(r.type()).as(r.messageId()).isEqualTo(OVERLOADED);
      assertThat(r.xRoadError()).isEqualTo(OVERLOADED);
      assertThat(r.retryAfter()).as("Retry-After of %s", r.messageId()).isNotNull().matches("[1-9][0-9]*");
      // shedding load stays cheap: no signature is spent on it
      assertThat(r.signed()).as("signature of %s", r.messageId()).isFalse();
    }
    assertThat(peakHeap.get()).as(figures).isLessThan(memory.getHeapMemoryUsage().getMax());

    // ready afterwards, and serving
    Response ready = hub.get("/actuator/health/readiness").send();
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().get("status").asString()).isEqualTo("UP");
    Response lookup = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, token).send();
    assertThat(lookup.status()).as(lookup.body()).isEqualTo(200);

    // every refusal has its stored record
    Set<String> refusedIds = refused.stream().map(Answer::messageId).collect(Collectors.toSet());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, JsonNode> stored = storedRecords(run);
      assertThat(refusedIds).allSatisfy(id -> {
        assertThat(stored).as("record of refused %s", id).containsKey(id);
        assertThat(stored.get(id).path("statusCode").asInt()).isEqualTo(503);
        assertThat(stored.get(id).path("faultCode").asString()).isEqualTo(OVERLOADED);
      });
    });
  }

  @Test
  void compositesHoldingEveryFrontThreadStillGetTheirSources() throws Exception {
    String token = hub.token(HANOI);
    String run = TestIds.unique("HOLD");
    // six composites for four front threads: at most four run, each with two sources, so at most
    // eight source calls for the fan-out lane's nine places. Were the sources on the front lane,
    // the four running composites would wait for threads they hold themselves.
    List<CompletableFuture<Answer>> composites = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      composites.add(send(token, run + "-" + i,
          "/r1/VN/GOV/LGSP/HUB/citizen-profile/001085000123?include=population,tax", run));
    }
    for (CompletableFuture<Answer> composite : composites) {
      Answer answer = composite.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode sources = JSON.readTree(answer.body()).get("sources");
      assertThat(sources.size()).isEqualTo(2);
      sources.forEach(section -> assertThat(section.path("status").asString()).as(answer.body()).isEqualTo("ok"));
    }
  }

  @Test
  void aSourceCallRefusedByAFullFanOutLaneIsHubOverloadedNotUnavailable() throws Exception {
    String token = hub.token(HANOI);
    String run = TestIds.unique("FANOUT");
    // eight composites at once: four run, twelve source calls for the fan-out lane's nine places
    List<CompletableFuture<Answer>> composites = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      composites.add(send(token, run + "-" + i, "/r1/VN/GOV/LGSP/HUB/citizen-profile/001085000123", run));
    }
    Map<String, String> statuses = new HashMap<>();
    for (CompletableFuture<Answer> composite : composites) {
      Answer answer = composite.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JSON.readTree(answer.body()).get("sources").properties().forEach(section -> {
        String status = section.getValue().path("status").asString();
        statuses.put(answer.messageId() + ":" + section.getKey(), status);
        if (!"ok".equals(status)) {
          assertThat(status).as(answer.body()).isEqualTo("hub-overloaded");
          assertThat(section.getValue().path("problem").asString()).isEqualTo(OVERLOADED);
        }
      });
    }
    List<String> overloaded = statuses.entrySet().stream()
        .filter(e -> e.getValue().equals("hub-overloaded")).map(Map.Entry::getKey).toList();
    assertThat(overloaded).as("%s", statuses).isNotEmpty();
    assertThat(statuses).as("one fan-out thread still serves").containsValue("ok");
    // the refused source call is logged like every refusal
    JsonNode record = hub.awaitRecord(overloaded.get(0));
    assertThat(record.get("status").asInt()).isEqualTo(503);
    assertThat(record.get("errorType").asString()).isEqualTo(OVERLOADED);
  }

  /** How many lookups as many closed-loop callers as front threads get answered in {@code time}. */
  private long closedLoop(String token, String prefix, Duration time) throws Exception {
    AtomicLong answered = new AtomicLong();
    long end = System.nanoTime() + time.toNanos();
    List<CompletableFuture<Void>> callers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 4; c++) {
      int caller = c;
      callers.add(CompletableFuture.runAsync(() -> {
        for (int n = 0; System.nanoTime() < end; n++) {
          Answer a = lookup(token, prefix + "-" + caller + "-" + n, prefix).join();
          assertThat(a.status()).as(a.body()).isEqualTo(200);
          answered.incrementAndGet();
        }
      }, threads));
    }
    CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(time.toSeconds() + 30, TimeUnit.SECONDS);
    threads.shutdown();
    return answered.get();
  }

  private CompletableFuture<Answer> lookup(String token, String messageId, String issue) {
    long n = Math.floorMod(messageId.hashCode(), 900_000);
    return send(token, messageId, String.format("/r1/VN/GOV/BCA/DANCU/citizen-info/001085%06d", n), issue);
  }

  private CompletableFuture<Answer> send(String token, String messageId, String path, String issue) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("X-Road-Client", HANOI)
        .header("X-Road-Issue", issue)
        .header("X-Road-Id", messageId)
        .build();
    long sentAt = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Answer(messageId,
        r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
        r.headers().firstValue("X-Road-Error").orElse(null), r.headers().firstValue("Signature").isPresent(), r.body(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt)));
  }

  /** Stored exchange records whose X-Road-Id starts with {@code prefix}, read through the monitoring cursor. */
  private Map<String, JsonNode> storedRecords(String prefix) {
    Map<String, JsonNode> stored = new HashMap<>();
    long from = 1;
    while (true) {
      Response page = hub.admin("/admin/api/monitoring/records?limit=1000&recordsFrom=" + from);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      JsonNode records = page.json().get("records");
      if (records.isEmpty()) {
        return stored;
      }
      records.forEach(r -> {
        if (r.path("messageId").asString().startsWith(prefix)) {
          stored.put(r.get("messageId").asString(), r);
        }
      });
      from = page.json().get("nextRecordsFrom").asLong();
    }
  }

  private record Answer(String messageId, int status, String retryAfter, String xRoadError, boolean signed, String body,
      long millis) {
    String type() {
      try {
        return JSON.readTree(body).path("type").asString(null);
      } catch (tools.jackson.core.JacksonException e) {
        return null;
      }
    }
  }
}
