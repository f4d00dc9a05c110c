package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.support.ExternalPostgres;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.HubProcess;
import vn.lgsp.hub.support.Load;
import vn.lgsp.hub.support.StandaloneArtemis;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The production topology on one machine, each part its own process: one PostgreSQL server, a
 * live/backup pair of standalone Artemis brokers with replication (the Apache distribution), and
 * two hubs on them with the broker's failover URL, one token key file and one seal key. Under
 * lookups against both hubs, the leader hub is killed with SIGKILL, then the live broker. Every
 * exchange that got an answer has exactly one record (an answer withheld because its record could
 * not be stored, {@code Server.Hub.ExchangeLogUnavailable}, is counted and has at most one), the
 * chain verifies intact, and the surviving hub led and answered on; its errors during the failover
 * windows are counted and printed. Before the load: a token from hub A works on hub B, and a route
 * suspended on A is refused by B within the 2 s the platform promises. After: the killed hub, started
 * again on its data directory with the same settings, rejoins as a follower and answers. Register events
 * published for a subscriber that is down wait in the broker through its failover and arrive, each once.
 */
class PlatformFailoverTest {

  private static final Duration START = Duration.ofSeconds(120);
  private static final String WITHHELD = "Server.Hub.ExchangeLogUnavailable";

  @Test
  void twoHubsOnABrokerPairAndOneDatabaseLoseTheLeaderThenTheLiveBrokerAndNoRecord() throws Exception {
    Path dir = TestDataDir.create("platform");
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path tokenKeys = shared.resolve("token-keys.jwk.json");
    Files.writeString(tokenKeys, new JWKSet(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate())
        .toString(false));
    int pgPort = FreePort.pick();
    List<StandaloneArtemis> pair = StandaloneArtemis.createPair(dir.resolve("brokers"));
    StandaloneArtemis live = pair.get(0);
    StandaloneArtemis backup = pair.get(1);
    try (EmbeddedPostgres postgres = ExternalPostgres.start(dir.resolve("postgres"), pgPort);
        StandaloneArtemis liveBroker = live.start();
        StandaloneArtemis backupBroker = backup.start()) {
      // AMQ221024: the backup holds a replica of the live broker's journal
      backup.awaitLog("AMQ221024", START);
      String brokerUrl = "(" + live.url() + "," + backup.url() + ")"
          + "?ha=true&reconnectAttempts=-1&retryInterval=100&retryIntervalMultiplier=1.5&maxRetryInterval=1000"
          + "&callFailoverTimeout=10000";
      List<String> platform = List.of(
          "--spring.datasource.url=" + ExternalPostgres.url(pgPort), "--spring.datasource.username=postgres",
          "--spring.artemis.broker-url=" + brokerUrl, "--spring.artemis.user=" + StandaloneArtemis.USER,
          "--spring.artemis.password=" + StandaloneArtemis.PASSWORD,
          "--hub.security.token-signing-key-file=" + tokenKeys,
          "--hub.audit.seal.keystore=" + shared.resolve("exchange-log-seal.p12"));
      try (HubProcess hubA = start(dir, "hub-a", platform)) {
        HubClient a = new HubClient(hubA.awaitReady(START));
        try (HubProcess hubB = start(dir, "hub-b", platform)) {
          HubClient b = new HubClient(hubB.awaitReady(START));
          Map<String, HubClient> hubs = Map.of("hub-a", a, "hub-b", b);
          Map<String, HubProcess> processes = Map.of("hub-a", hubA, "hub-b", hubB);

          for (HubClient hub : hubs.values()) {
            JsonNode instance = instance(hub);
            assertThat(instance.get("broker").asString()).as("the pair, through the failover URL")
                .contains(host(live), host(backup), "?ha=true");
            assertThat(instance.get("database").asString()).as("the external database").contains(":" + pgPort + "/");
          }
          String leader = await().atMost(Duration.ofSeconds(15)).until(() -> leaderOf(hubs), l -> l != null);
          String survivor = leader.equals("hub-a") ? "hub-b" : "hub-a";
          assertThat(instance(hubs.get(survivor)).get("leaderInstance").asString()).as("both hubs name one leader")
              .isEqualTo(leader);

          String tokenFromA = a.token(HubClient.HANOI);
          assertThat(lookUp(b, tokenFromA).status()).as("a token from hub A on hub B").isEqualTo(200);
          suspensionOnAIsHonouredByB(a, b, tokenFromA);
          rightGrantedOnBHoldsOnAThenRevokedOnAIsRefusedByB(a, b);
          serviceApprovedOnAIsServedByBThenWithdrawnOnBIsGoneFromA(a, b);
          serviceFilesAppliedOnAHoldOnBThenRolledBackOnBHoldOnA(a, b);

          // closed also when an assertion fails, so that no caller goes on calling after the test
          try (Load onSurvivor = new Load(hubs.get(survivor), tokenFromA, 2);
              Load onLeader = new Load(hubs.get(leader), tokenFromA, 2)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> onLeader.answered().size() >= 100
                && onSurvivor.answered().size() >= 100);

            assertThat(processes.get(leader).kill()).as("the leader hub killed with SIGKILL").isEqualTo(137);
            long killedAt = System.nanoTime();
            onLeader.close();
            HubClient next = hubs.get(survivor);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> instance(next).get("leader").asBoolean());
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            int beforeBrokerKill = onSurvivor.answered().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> onSurvivor.answered().size() >= beforeBrokerKill + 100);

            // register events for a subscriber that is down: their pushes wait in the broker through its failover
            int receiverPort = FreePort.pick();
            List<String> events = eventsForAnAbsentSubscriber(next, receiverPort);

            live.kill();
            long brokerKilledAt = System.nanoTime();
            long okAtBrokerKill = ok(onSurvivor);
            // AMQ221007: the backup is now the active broker
            backup.awaitLog("AMQ221007", Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).until(() -> ok(onSurvivor) >= okAtBrokerKill + 100);
            double brokerFailoverSeconds = (System.nanoTime() - brokerKilledAt) / 1e9;
            onSurvivor.close();
            everyEventArrivesOnce(receiverPort, events);

            Map<String, Integer> stored = new HashMap<>();
            for (Load load : List.of(onLeader, onSurvivor)) {
              Map<String, Integer> counts = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                  .until(() -> next.recordCountsByMessageId(load.purpose),
                      c -> c.keySet().containsAll(recorded(load).keySet()));
              assertThat(counts).as("records only of calls made: answered, or cut by the kill")
                  .hasSizeLessThanOrEqualTo(load.answered().size() + (int) load.failed());
              stored.putAll(counts);
            }
            assertThat(stored.values()).as("no record twice").containsOnly(1);
            assertThat(next.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean())
                .as("one chain, intact").isTrue();

            try (HubProcess rejoined = start(dir, leader, platform)) {
              HubClient again = new HubClient(rejoined.awaitReady(START));
              JsonNode instance = await().atMost(Duration.ofSeconds(10)).until(() -> instance(again),
                  i -> survivor.equals(i.get("leaderInstance").asString()));
              assertThat(instance.get("leader").asBoolean()).as("the restarted hub rejoins as a follower").isFalse();
              assertThat(lookUp(again, tokenFromA).status()).as("and answers").isEqualTo(200);
            }

            Map<Integer, Long> survivorStatuses = statuses(onSurvivor.answered());
            assertThat(survivorStatuses.getOrDefault(200, 0L)).as("the survivor answered on").isGreaterThan(300);
            System.out.printf("platform failover: leader %s killed, %s led after %.1f s; live broker killed, %d answers"
                + " (200) %.1f s after; answers by status on the survivor %s (errors %s), on the killed hub %s; calls"
                + " without an answer: %d on the survivor, %d on the killed hub; %d records, all once, chain intact%n",
                leader, survivor, takeoverSeconds, ok(onSurvivor) - okAtBrokerKill, brokerFailoverSeconds, survivorStatuses,
                new TreeMap<>(onSurvivor.problemTypes()).values(), statuses(onLeader.answered()), onSurvivor.failed(),
                onLeader.failed(), stored.size());
          }
        }
      }
    }
  }

  /** Hanoi subscribes to citizen.deceased at a port where nobody listens; the register publishes three events. */
  private static List<String> eventsForAnAbsentSubscriber(HubClient hub, int port) {
    String room = "/r1/VN/GOV/BCA/DANCU";
    HubClient.Response sub = hub.post(room + "/api/v1/subs/citizen.deceased", "{\"endpoint\":\"http://127.0.0.1:" + port
        + "/events\",\"retry\":{\"maxAttempts\":100,\"firstRetrySeconds\":1,\"maxRetrySeconds\":3}}")
        .as(HubClient.HANOI, hub.token(HubClient.HANOI)).send();
    assertThat(sub.status()).as(sub.body()).isEqualTo(200);
    List<String> events = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      HubClient.Response published = hub.post(room + "/pub/v1/citizen.deceased", "{\"event\":{\"personalId\":"
          + "\"00108544000" + i + "\",\"diedOn\":\"2026-11-30\"}}").as("VN/GOV/BCA/DANCU", hub.token("VN/GOV/BCA/DANCU"))
          .send();
      assertThat(published.status()).as(published.body()).isEqualTo(201);
      events.add(published.json().get("id").asString());
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.records(events.get(2)).size() >= 1);
    return events;
  }

  /** The subscriber comes up after the broker failover: each event arrives, once. */
  private static void everyEventArrivesOnce(int port, List<String> events) {
    WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().port(port));
    receiver.start();
    try {
      receiver.stubFor(WireMock.post("/events").willReturn(WireMock.aResponse().withStatus(204)));
      RequestPatternBuilder pushes = WireMock.postRequestedFor(WireMock.urlEqualTo("/events"));
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.findAll(pushes).stream()
          .map(r -> r.getHeader("webhook-id")).collect(java.util.stream.Collectors.toSet()).containsAll(events));
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> receiver.findAll(pushes).stream()
          .filter(r -> events.contains(r.getHeader("webhook-id"))).count() == events.size());
    } finally {
      receiver.stop();
    }
  }

  private static String host(StandaloneArtemis broker) {
    return broker.url().substring("tcp://".length());
  }

  private static HubProcess start(Path dir, String instanceId, List<String> platform) throws Exception {
    List<String> settings = new ArrayList<>(platform);
    settings.add("--hub.instance-id=" + instanceId);
    return HubProcess.start(Files.createDirectories(dir.resolve(instanceId)), settings);
  }

  /** A route suspended on hub A: hub B refuses it within 2 s, and serves it again after A resumes it. */
  private static void suspensionOnAIsHonouredByB(HubClient a, HubClient b, String token) {
    Response suspended = a.adminPost("/admin/api/routes/household/suspend", "{\"reason\":\"register migration\"}");
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
    try {
      Response refused = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> household(b, token), r -> r.status() == 503);
      assertThat(refused.json().get("type").asString()).isEqualTo("Server.Hub.Maintenance");
    } finally {
      assertThat(a.adminPost("/admin/api/routes/household/resume", "{\"reason\":\"done\"}").status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> household(b, token).status() == 200);
  }

  /**
   * Da Nang asks on hub A for a right it lacks; the finance ministry grants it on hub B; hub A serves
   * it within 2 s. The ministry revokes it on hub A; hub B refuses it within 2 s.
   */
  private static void rightGrantedOnBHoldsOnAThenRevokedOnAIsRefusedByB(HubClient a, HubClient b) {
    String daNang = a.token(HubClient.DA_NANG);
    String finance = b.token(HubClient.FINANCE_ADMIN, "write:rights");
    Response asked = a.post("/api/v1/access-requests", "{\"service\": \"VN/GOV/BTC/THUE/tax-obligation\","
        + " \"purpose\": \"hồ sơ trợ cấp\", \"legalBasis\": {\"document\": \"47/2020/NĐ-CP\", \"article\": \"Điều 14\"},"
        + " \"validUntil\": \"" + java.time.LocalDate.now().plusMonths(3) + "\"}").bearer(daNang).send();
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    String id = asked.json().get("id").asString();
    assertThat(taxObligation(a, daNang).status()).isEqualTo(403);
    Response granted = b.post("/api/v1/access-requests/" + id + "/grant", "{}").bearer(finance).send();
    assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> taxObligation(a, daNang).status() == 200);
    Response revoked = a.post("/api/v1/access-requests/" + id + "/revoke", "{\"reason\": \"done\"}")
        .bearer(a.token(HubClient.FINANCE_ADMIN, "write:rights")).send();
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> taxObligation(b, daNang).status() == 403);
  }

  /**
   * The finance ministry publishes the tax clearance service on hub A and an operator approves it there;
   * hub B serves it within 2 s. Withdrawn on hub B, it is gone from hub A within 2 s.
   */
  private static void serviceApprovedOnAIsServedByBThenWithdrawnOnBIsGoneFromA(HubClient a, HubClient b)
      throws Exception {
    String openApi = a.taxOpenApi();
    ObjectNode submission = new ObjectMapper().createObjectNode();
    submission.put("provider", "VN/GOV/BTC/THUE").put("serviceCode", "tax-clearance").put("version", "v1")
        .put("openApi", openApi).put("backendUrl", a.sandboxBackend("tax-register"));
    submission.putArray("operations").add("getTaxClearance");
    String ministry = a.token(HubClient.FINANCE_ADMIN, "write:conf");
    String id = a.post("/api/v1/services", submission.toString()).bearer(ministry).send().json().get("id").asString();
    assertThat(a.post("/api/v1/services/" + id + "/submit", "{}").bearer(ministry).send().status()).isEqualTo(200);
    assertThat(a.adminPost("/admin/api/services/" + id + "/approve", "{\"reason\": \"two hubs\"}").status()).isEqualTo(200);
    String daNang = b.token(HubClient.DA_NANG);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> taxClearance(b, daNang).status() == 403);
    assertThat(b.adminPost("/admin/api/services/" + id + "/withdraw", "{\"reason\": \"done\"}").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> taxClearance(a, daNang).status() == 404);
  }

  /**
   * The service files less the household route's file, applied on hub A: hub B no longer serves it within 2 s.
   * Rolled back on hub B, hub A serves it again within 2 s.
   */
  private static void serviceFilesAppliedOnAHoldOnBThenRolledBackOnBHoldOnA(HubClient a, HubClient b) {
    long before = a.admin("/admin/api/service-files/versions").json().get(0).get("version").asLong();
    ObjectNode files = (ObjectNode) a.admin("/admin/api/service-files/versions/" + before).json().get("files");
    files.remove("routes/household.yaml");
    ObjectNode body = new ObjectMapper().createObjectNode().put("reason", "household moved");
    body.set("files", files);
    assertThat(a.adminPost("/admin/api/service-files/apply", body.toString()).status()).isEqualTo(200);
    String hanoi = b.token(HubClient.HANOI);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> household(b, hanoi).status() == 404);
    assertThat(b.adminPost("/admin/api/service-files/rollback", "{\"version\": " + before + ", \"reason\": \"back\"}")
        .status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> household(a, hanoi).status() == 200);
  }

  /** Da Nang holds no right to it: 403 while it is served, 404 once it is not. */
  private static Response taxClearance(HubClient hub, String token) {
    return hub.get("/r1/VN/GOV/BTC/THUE/tax-clearance/v1/clearances/001085000002").as(HubClient.DA_NANG, token).send();
  }

  private static Response taxObligation(HubClient hub, String token) {
    return hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002").as(HubClient.DA_NANG, token).send();
  }

  private static Response lookUp(HubClient hub, String token) {
    return hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HubClient.HANOI, token).send();
  }

  private static Response household(HubClient hub, String token) {
    return hub.get("/r1/VN/GOV/BCA/DANCU/household/001085000123").as(HubClient.HANOI, token).send();
  }

  /** The instance component of the hub's health: its id, whether it leads, the leader, its broker and database. */
  private static JsonNode instance(HubClient hub) {
    return hub.admin("/actuator/health").json().get("components").get("instance").get("details");
  }

  /** The one hub that says it leads, or null. */
  private static String leaderOf(Map<String, HubClient> hubs) {
    List<String> leaders = hubs.entrySet().stream().filter(e -> instance(e.getValue()).get("leader").asBoolean())
        .map(Map.Entry::getKey).toList();
    assertThat(leaders).as("hubs that lead").hasSizeLessThanOrEqualTo(1);
    return leaders.isEmpty() ? null : leaders.get(0);
  }

  /** Answers that promise a record: all but those withheld because their record could not be stored. */
  private static Map<String, Integer> recorded(Load load) {
    Map<String, Integer> recorded = new HashMap<>(load.answered());
    recorded.keySet().removeIf(id -> WITHHELD.equals(load.problemTypes().get(id)));
    return recorded;
  }

  private static long ok(Load load) {
    return load.answered().values().stream().filter(s -> s == 200).count();
  }

  private static Map<Integer, Long> statuses(Map<String, Integer> answered) {
    Map<Integer, Long> counts = new TreeMap<>();
    answered.values().forEach(s -> counts.merge(s, 1L, Long::sum));
    return counts;
  }
}
