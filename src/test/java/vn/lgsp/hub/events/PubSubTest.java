package vn.lgsp.hub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.DA_NANG;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.SpecSchemas;
import vn.lgsp.hub.support.TestIds;

/**
 * Register events end to end against the sandbox: the population register publishes, Hanoi and Da
 * Nang receive pushes signed the Standard Webhooks way (verified with that project's own library), Da
 * Nang without the current address its right leaves out, Ho Chi Minh City pulls and confirms; every
 * publish and delivery is an exchange record and the person's data tracker lists the deliveries.
 */
class PubSubTest extends SandboxHubTest {

  static final String POPULATION = "VN/GOV/BCA/DANCU";
  static final String ROOM = "/r1/" + POPULATION;
  static final String MOVED = "citizen.residence-changed";
  static final String DIED = "citizen.deceased";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final List<WireMockServer> receivers = new ArrayList<>();

  @AfterEach
  void stopReceivers() {
    receivers.forEach(WireMockServer::stop);
  }

  private WireMockServer receiver(int port) {
    WireMockServer server = new WireMockServer(options().port(port));
    server.start();
    server.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(204)));
    receivers.add(server);
    return server;
  }

  static String address(String line, String province, String code) {
    return "{\"line\":\"" + line + "\",\"ward\":\"Phường Ba Đình\",\"province\":\"" + province + "\",\"provinceCode\":\""
        + code + "\",\"full\":\"" + line + ", Phường Ba Đình, " + province + "\"}";
  }

  static String moved(String personalId) {
    return "{\"eventType\":\"" + MOVED + "\",\"event\":{\"personalId\":\"" + personalId + "\",\"changedOn\":\"2026-11-30\","
        + "\"previousAddress\":" + address("12 Hàng Bài", "Hà Nội", "01") + ",\"currentAddress\":"
        + address("5 Lê Duẩn", "Đà Nẵng", "48") + "}}";
  }

  private Response subscribe(String client, String type, String body) {
    return hub.post(ROOM + "/api/v1/subs/" + type, body).as(client, hub.token(client)).send();
  }

  private Response publish(String type, String body) {
    return hub.post(ROOM + "/pub/v1/" + type, body).as(POPULATION, hub.token(POPULATION)).send();
  }

  private static Map<String, List<String>> headers(LoggedRequest request) {
    return Map.of("webhook-id", List.of(request.getHeader("webhook-id")),
        "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
        "webhook-signature", List.of(request.getHeader("webhook-signature")));
  }

  @Test
  void pushedToEachSubscriberSignedMinimisedAndRecorded() throws Exception {
    assertThat(hub.get(ROOM + "/api/v1/eventType").as(HANOI, hub.token(HANOI)).send().body())
        .contains(MOVED).contains(DIED);
    WireMockServer hanoi = receiver(FreePort.pick());
    WireMockServer daNang = receiver(FreePort.pick());
    Response hanoiSub = subscribe(HANOI, MOVED, "{\"eventType\":\"" + MOVED + "\",\"delivery\":\"PUSH\",\"endpoint\":\""
        + hanoi.baseUrl() + "/events\"}");
    assertThat(hanoiSub.status()).as(hanoiSub.body()).isEqualTo(200);
    String secret = hanoiSub.json().get("secret").asString();
    assertThat(secret).startsWith("whsec_");
    Response daNangSub = subscribe(DA_NANG, MOVED, "{\"delivery\":\"PUSH\",\"endpoint\":\"" + daNang.baseUrl()
        + "/events\"}");
    assertThat(daNangSub.status()).as(daNangSub.body()).isEqualTo(200);
    Response hcmcSub = subscribe(HCMC, MOVED, "{\"delivery\":\"PULL\"}");
    assertThat(hcmcSub.status()).as(hcmcSub.body()).isEqualTo(200);
    try {
      String person = String.format("001085%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 899_999));
      String publishId = TestIds.unique("PUB");
      Response published = hub.post(ROOM + "/pub/v1/" + MOVED, moved(person)).as(POPULATION, hub.token(POPULATION))
          .header("X-Road-Id", publishId).send();
      assertThat(published.status()).as(published.body()).isEqualTo(201);
      String eventId = published.json().get("id").asString();

      await().atMost(Duration.ofSeconds(20)).until(() -> hanoi.findAll(postRequestedFor(urlEqualTo("/events"))).size() == 1
          && daNang.findAll(postRequestedFor(urlEqualTo("/events"))).size() == 1);
      LoggedRequest toHanoi = hanoi.findAll(postRequestedFor(urlEqualTo("/events"))).get(0);
      String body = toHanoi.getBodyAsString();
      // a library nobody here wrote verifies the signature; a changed byte fails it
      new Webhook(secret).verify(body, headers(toHanoi));
      org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> new Webhook(secret).verify(body.replace("Lê Duẩn", "Le Duan"), headers(toHanoi)));
      assertThat(toHanoi.getHeader("webhook-id")).isEqualTo(eventId);
      assertThat(toHanoi.getHeader("Content-Type")).startsWith("application/cloudevents+json");
      JsonNode cloudEvent = JSON.readTree(body);
      assertThat(cloudEvent.get("specversion").asString()).isEqualTo("1.0");
      assertThat(cloudEvent.get("id").asString()).isEqualTo(eventId);
      assertThat(cloudEvent.get("type").asString()).isEqualTo(MOVED);
      assertThat(cloudEvent.get("data").get("currentAddress").get("provinceCode").asString()).isEqualTo("48");

      JsonNode toDaNang = JSON.readTree(daNang.findAll(postRequestedFor(urlEqualTo("/events"))).get(0).getBodyAsString());
      assertThat(toDaNang.get("data").has("previousAddress")).isTrue();
      assertThat(toDaNang.get("data").has("currentAddress")).as("Da Nang's right leaves it out").isFalse();
      assertThat(toDaNang.toString()).doesNotContain("Lê Duẩn");

      // Ho Chi Minh City pulls it, confirms it, and nothing waits any more
      String hcmcToken = hub.token(HCMC);
      Response pulled = hub.get(ROOM + "/pull/v1/" + MOVED).as(HCMC, hcmcToken).send();
      assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
      assertThat(pulled.json().get("id").asString()).isEqualTo(eventId);
      assertThat(pulled.json().get("event").get("personalId").asString()).isEqualTo(person);
      assertThat(hub.delete(ROOM + "/pull/v1/" + MOVED + "/" + eventId).as(HCMC, hcmcToken).send().status())
          .isEqualTo(204);
      assertThat(hub.get(ROOM + "/pull/v1/" + MOVED).as(HCMC, hcmcToken).send().status()).isEqualTo(404);

      // the publish and both pushes are exchange records about the person
      JsonNode publishRecord = hub.awaitRecord(publishId);
      assertThat(publishRecord.get("status").asInt()).isEqualTo(201);
      assertThat(publishRecord.get("serviceId").asString()).isEqualTo(POPULATION + "/" + MOVED);
      JsonNode deliveries = await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(eventId), r -> r.size() == 2);
      assertThat(deliveries.findValuesAsString("clientId")).containsExactlyInAnyOrder(HANOI, DA_NANG);
      assertThat(deliveries.findValuesAsString("status")).containsOnly("204");
      // the citizen's data tracker lists who received the event about them
      String portal = vn.lgsp.hub.support.HubClient.PORTAL;
      JsonNode usages = await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/datatracker/v1/findUsage?personalId="
          + person).as(portal, hub.token(portal)).send().json().get("usages"), u -> u.size() >= 3);
      assertThat(usages.findValuesAsString("receiverSystem")).contains(HANOI, DA_NANG, HCMC);
      assertThat(usages.findValuesAsString("service")).contains(POPULATION + "/" + MOVED);

      // the publisher sees how its event's deliveries stand
      Response status = hub.get(ROOM + "/pub/v1/" + MOVED + "/" + eventId).as(POPULATION, hub.token(POPULATION)).send();
      assertThat(status.json().get("deliveries").get("delivered").asInt()).isEqualTo(3);
    } finally {
      for (String client : List.of(HANOI, DA_NANG, HCMC)) {
        hub.delete(ROOM + "/api/v1/subs/" + MOVED).as(client, hub.token(client)).send();
      }
    }
  }

  @Test
  void aSubscriberDownForAMinuteGetsEveryEventAfterwardsOncePerIdInOrder() throws Exception {
    int port = FreePort.pick();
    WireMockServer down = receiver(port);
    Response sub = subscribe(HANOI, DIED, "{\"delivery\":\"PUSH\",\"endpoint\":\"" + down.baseUrl() + "/events\","
        + "\"retry\":{\"maxAttempts\":100,\"firstRetrySeconds\":1,\"maxRetrySeconds\":4}}");
    assertThat(sub.status()).as(sub.body()).isEqualTo(200);
    down.stop();
    try {
      List<String> ids = new ArrayList<>();
      // two events about one person (their order must hold), three about others
      for (String person : List.of("001085770001", "001085770002", "001085770001", "001085770003", "001085770004")) {
        Response published = publish(DIED, "{\"eventType\":\"" + DIED + "\",\"event\":{\"personalId\":\"" + person
            + "\",\"diedOn\":\"2026-11-" + (10 + ids.size()) + "\"}}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        ids.add(published.json().get("id").asString());
      }
      Instant downSince = Instant.now();
      // the hub keeps trying, each attempt on record, for the minute the receiver is down
      await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1)).until(() ->
          Duration.between(downSince, Instant.now()).compareTo(Duration.ofSeconds(60)) >= 0
              && hub.records(ids.get(0)).size() >= 5 && hub.records(ids.get(4)).size() >= 5);
      JsonNode failed = hub.records(ids.get(0));
      assertThat(failed.findValuesAsString("status")).containsOnly("502");
      assertThat(Duration.between(downSince, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));

      WireMockServer up = receiver(port);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> up.findAll(postRequestedFor(urlEqualTo("/events"))).size() >= ids.size());
      // nothing arrives twice once accepted: each id exactly once, and it stays so
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> up.findAll(postRequestedFor(urlEqualTo("/events"))).size() == ids.size());
      List<String> received = up.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
          .map(r -> r.getHeader("webhook-id")).toList();
      assertThat(received).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(received.indexOf(ids.get(0))).as("same person: published order").isLessThan(received.indexOf(ids.get(2)));
      Response health = hub.get(ROOM + "/api/v1/subs/" + DIED).as(HANOI, hub.token(HANOI)).send();
      assertThat(health.json().get("health").get("delivered").asInt()).isEqualTo(ids.size());
      assertThat(health.json().get("health").get("pending").asInt()).isZero();

      // replay from before the outage: the same ids again
      Response replay = hub.patch(ROOM + "/api/v1/subs/" + DIED, "{\"replayFrom\":\"" + downSince.minusSeconds(30) + "\"}")
          .as(HANOI, hub.token(HANOI)).send();
      assertThat(replay.status()).as(replay.body()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> up.findAll(postRequestedFor(urlEqualTo("/events"))).size() >= 2 * ids.size());
      Map<String, Long> perId = up.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
          .collect(Collectors.groupingBy(r -> r.getHeader("webhook-id"), Collectors.counting()));
      assertThat(perId).hasSize(ids.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(2L));
    } finally {
      hub.delete(ROOM + "/api/v1/subs/" + DIED).as(HANOI, hub.token(HANOI)).send();
    }
  }

  @Test
  void badPublicationsAndSubscriptionsAreRefusedAndRecorded() {
    record Case(String name, Response response, int status, String type) {}
    String hanoi = hub.token(HANOI);
    String population = hub.token(POPULATION);
    List<Case> cases = List.of(
        new Case("not the room's own subsystem", hub.post(ROOM + "/pub/v1/" + MOVED, moved("001085000123"))
            .as(HANOI, hanoi).send(), 403, "Client.AccessDenied"),
        new Case("no such type", hub.post(ROOM + "/pub/v1/no.such-type", "{\"event\":{}}").as(POPULATION, population)
            .send(), 404, "Client.NotFound"),
        new Case("not the schema", hub.post(ROOM + "/pub/v1/" + MOVED, "{\"event\":{\"personalId\":\"001085000123\"}}")
            .as(POPULATION, population).send(), 400, "Client.InvalidRequest"),
        new Case("invalid person", hub.post(ROOM + "/pub/v1/" + MOVED, moved("001085000")).as(POPULATION, population)
            .send(), 400, "Client.InvalidRequest"),
        new Case("no right to subscribe", hub.post(ROOM + "/api/v1/subs/" + MOVED, "{\"delivery\":\"PULL\"}")
            .as(vn.lgsp.hub.support.HubClient.PORTAL, hub.token(vn.lgsp.hub.support.HubClient.PORTAL)).send(), 403,
            "Client.AccessDenied"),
        new Case("endpoint with credentials", hub.post(ROOM + "/api/v1/subs/" + MOVED,
            "{\"endpoint\":\"http://user:pw@127.0.0.1:1/x\"}").as(HANOI, hanoi).send(), 400, "Client.InvalidRequest"),
        new Case("a schema fetching a URL", hub.post(ROOM + "/api/v1/eventType", "{\"eventType\":\"x.y\",\"schema\":"
            + "{\"$ref\":\"http://127.0.0.1:1/s.json\"}}").as(POPULATION, population).send(), 400, "Client.InvalidRequest"),
        new Case("not JSON", hub.post(ROOM + "/pub/v1/" + MOVED, "{").as(POPULATION, population).send(), 400,
            "Client.InvalidRequest"));
    for (Case c : cases) {
      assertThat(c.response().status()).as(c.name() + ": " + c.response().body()).isEqualTo(c.status());
      assertThat(c.response().json().get("type").asString()).as(c.name()).isEqualTo(c.type());
      assertThat(c.response().body()).doesNotContain("Exception").doesNotContain("networknt");
      assertThat(hub.awaitRecord(c.response().header("X-Road-Id")).get("status").asInt()).isEqualTo(c.status());
    }
    assertThat(cases.get(2).response().json().get("detail").asString()).contains("changedOn").contains("required");
  }

  @Test
  void theRoomManagesItsEventTypesAndAnswersFitTheSpecsSchemas() {
    SpecSchemas spec = new SpecSchemas("/govstack-im/GovStack_IM_PubSub_API.yaml");
    String population = hub.token(POPULATION);
    String type = "citizen.name-changed-" + TestIds.unique("T").replaceAll("[^A-Za-z0-9]", "").toLowerCase();
    String schema = "{\"type\":\"object\",\"required\":[\"personalId\",\"fullName\"],\"properties\":{"
        + "\"personalId\":{\"type\":\"string\"},\"fullName\":{\"type\":\"string\",\"maxLength\":100}}}";
    Response created = hub.post(ROOM + "/api/v1/eventType", "{\"eventType\":\"" + type + "\",\"schema\":" + schema + "}")
        .as(POPULATION, population).send();
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(spec.problems("/components/schemas/EventType", created.json())).isEmpty();
    assertThat(hub.post(ROOM + "/api/v1/eventType", "{\"eventType\":\"" + type + "\",\"schema\":" + schema + "}")
        .as(POPULATION, population).send().status()).isEqualTo(409);
    // another subsystem cannot create types in this room
    assertThat(hub.post(ROOM + "/api/v1/eventType", "{\"eventType\":\"x." + type + "\",\"schema\":" + schema + "}")
        .as(HANOI, hub.token(HANOI)).send().status()).isEqualTo(403);
    Response listed = hub.get(ROOM + "/api/v1/eventType").as(HANOI, hub.token(HANOI)).send();
    assertThat(spec.problems("/paths/~1r1~1{instanceId}~1{memberClass}~1{memberCode}~1{applicationCode}~1api~1v1~1eventType"
        + "/get/responses/200/content/application~1json/schema", listed.json())).isEmpty();
    assertThat(listed.body()).contains(type);

    // a pull subscription's item, the pulled event: the spec's SubscriptionItem and EventItem
    String hcmc = hub.token(HCMC);
    Response sub = subscribe(HCMC, MOVED, "{\"eventType\":\"" + MOVED + "\",\"delivery\":\"PULL\"}");
    try {
      assertThat(spec.problems("/components/schemas/SubscriptionItem", sub.json())).isEmpty();
      assertThat(publish(MOVED, moved("001085000124")).status()).isEqualTo(201);
      Response pulled = hub.get(ROOM + "/pull/v1/" + MOVED).as(HCMC, hcmc).send();
      assertThat(spec.problems("/components/schemas/EventItem", pulled.json())).isEmpty();
      Response mine = hub.get(ROOM + "/api/v1/subs").as(HCMC, hcmc).send();
      assertThat(mine.json().size()).isEqualTo(1);
      mine.json().forEach(item -> assertThat(spec.problems("/components/schemas/SubscriptionItem", item)).isEmpty());
    } finally {
      hub.delete(ROOM + "/api/v1/subs/" + MOVED).as(HCMC, hcmc).send();
    }

    assertThat(hub.delete(ROOM + "/api/v1/eventType/" + type).as(POPULATION, population).send().status()).isEqualTo(204);
    assertThat(hub.get(ROOM + "/api/v1/eventType/" + type).as(HANOI, hub.token(HANOI)).send().status()).isEqualTo(404);
  }

  @Test
  void aSlowSubscriberHoldsNeitherThePublisherNorTheOthers() throws Exception {
    WireMockServer slow = receiver(FreePort.pick());
    // answers after 20 s: every push to it times out (hub.events.push-timeout, 5 s)
    slow.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(204).withFixedDelay(20_000)));
    WireMockServer fast = receiver(FreePort.pick());
    assertThat(subscribe(HANOI, DIED, "{\"endpoint\":\"" + slow.baseUrl() + "/events\"}").status()).isEqualTo(200);
    assertThat(subscribe(HCMC, DIED, "{\"endpoint\":\"" + fast.baseUrl() + "/events\"}").status()).isEqualTo(200);
    try {
      String population = hub.token(POPULATION);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Response published = hub.post(ROOM + "/pub/v1/" + DIED, "{\"event\":{\"personalId\":\"0010858800" + (10 + i)
            + "\",\"diedOn\":\"2026-11-01\"}}").as(POPULATION, population).send();
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        ids.add(published.json().get("id").asString());
      }
      // the fast subscriber has all twenty while the slow one has not even answered its first
      // (at least once: a receiver may see an id twice and keeps it once, by webhook-id)
      await().atMost(Duration.ofSeconds(15)).until(() -> fast.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
          .map(r -> r.getHeader("webhook-id")).collect(Collectors.toSet()).containsAll(ids));
      assertThat(fast.findAll(postRequestedFor(urlEqualTo("/events"))).stream().map(r -> r.getHeader("webhook-id")))
          .allMatch(ids::contains);
      Response slowHealth = hub.get(ROOM + "/api/v1/subs/" + DIED).as(HANOI, hub.token(HANOI)).send();
      assertThat(slowHealth.json().get("health").get("delivered").asInt()).isZero();
      assertThat(slowHealth.json().get("health").get("pending").asInt()).isEqualTo(20);
    } finally {
      hub.delete(ROOM + "/api/v1/subs/" + DIED).as(HANOI, hub.token(HANOI)).send();
      hub.delete(ROOM + "/api/v1/subs/" + DIED).as(HCMC, hub.token(HCMC)).send();
    }
  }

  @Test
  void aCovertSubscriberStaysHiddenPullsAreLimitedAndOddValuesRefused() throws Exception {
    String investigator = vn.lgsp.hub.support.HubClient.INVESTIGATOR;
    String token = hub.token(investigator);
    assertThat(subscribe(investigator, DIED, "{\"delivery\":\"PULL\"}").status()).isEqualTo(200);
    String daNang = hub.token(DA_NANG);
    assertThat(subscribe(DA_NANG, DIED, "{\"delivery\":\"PULL\"}").status()).isEqualTo(200);
    try {
      String person = "001085990042";
      assertThat(publish(DIED, "{\"event\":{\"personalId\":\"" + person + "\",\"diedOn\":\"2026-11-02\"}}").status())
          .isEqualTo(201);
      Response pulled = hub.get(ROOM + "/pull/v1/" + DIED).as(investigator, token).header("X-Road-Id", TestIds.unique("COVERT"))
          .send();
      assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
      assertThat(hub.awaitRecord(pulled.header("X-Road-Id")).get("covertUntil").asString()).isEqualTo("2031-12-31");
      Response daNangPull = hub.get(ROOM + "/pull/v1/" + DIED).as(DA_NANG, daNang).send();
      assertThat(daNangPull.status()).isEqualTo(200);
      hub.awaitRecord(daNangPull.header("X-Road-Id"));
      // the citizen sees Da Nang's pull, not the investigator's (its right is covert until 2031)
      String portal = vn.lgsp.hub.support.HubClient.PORTAL;
      JsonNode usages = hub.get("/datatracker/v1/findUsage?personalId=" + person).as(portal, hub.token(portal)).send()
          .json().get("usages");
      assertThat(usages.findValuesAsString("receiverSystem")).contains(DA_NANG).doesNotContain(investigator);

      // Da Nang's limit (10 a second) holds for pulls too
      ExecutorService callers = Executors.newFixedThreadPool(30);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        statuses.add(callers.submit(() -> hub.get(ROOM + "/pull/v1/" + DIED).as(DA_NANG, daNang).send().status()));
      }
      List<Integer> seen = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        seen.add(status.get(30, TimeUnit.SECONDS));
      }
      callers.shutdown();
      assertThat(seen).contains(429);

      // values out of range are refused, not failed on
      for (String body : List.of("{\"retry\":{\"maxAttempts\":99999999999999999999}}",
          "{\"replayFrom\":\"+1000000000-01-01T00:00:00Z\"}", "{\"replayFrom\":\"2999-01-01T00:00:00Z\"}")) {
        Response odd = hub.patch(ROOM + "/api/v1/subs/" + DIED, body).as(investigator, token).send();
        assertThat(odd.status()).as(body + ": " + odd.body()).isEqualTo(400);
      }
      Response badPort = hub.post(ROOM + "/api/v1/subs/" + MOVED, "{\"endpoint\":\"https://example.com:99999/x\"}")
          .as(HANOI, hub.token(HANOI)).send();
      assertThat(badPort.status()).as(badPort.body()).isEqualTo(400);
    } finally {
      hub.delete(ROOM + "/api/v1/subs/" + DIED).as(investigator, token).send();
      hub.delete(ROOM + "/api/v1/subs/" + DIED).as(DA_NANG, daNang).send();
    }
  }
}
