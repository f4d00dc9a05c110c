package vn.lgsp.hub.events;

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
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubProcess;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Events outlive their hub: published while the subscriber is down, the hub (a child process) stopped
 * and started again on the same data directory, the subscriber back: every event arrives, once.
 */
class EventsRestartTest {

  private static final Duration START = Duration.ofSeconds(120);
  private static final List<String> SETTINGS = List.of("--hub.sandbox.events.enabled=false");

  @Test
  void eventsPublishedBeforeARestartAreDeliveredAfterIt() throws Exception {
    Path dataDir = TestDataDir.create("events-restart");
    int port = FreePort.pick();
    List<String> ids = new ArrayList<>();
    HubProcess first = HubProcess.start(dataDir, SETTINGS);
    try {
      HubClient hub = new HubClient(first.awaitReady(START));
      HubClient.Response sub = hub.post(PubSubTest.ROOM + "/api/v1/subs/" + PubSubTest.MOVED, "{\"delivery\":\"PUSH\","
          + "\"endpoint\":\"http://127.0.0.1:" + port + "/events\",\"retry\":{\"maxAttempts\":100,\"firstRetrySeconds\":1,"
          + "\"maxRetrySeconds\":3}}").as(HANOI, hub.token(HANOI)).send();
      assertThat(sub.status()).as(sub.body()).isEqualTo(200);
      for (int i = 1; i <= 3; i++) {
        HubClient.Response published = hub.post(PubSubTest.ROOM + "/pub/v1/" + PubSubTest.MOVED,
            PubSubTest.moved("00108555000" + i)).as(PubSubTest.POPULATION, hub.token(PubSubTest.POPULATION)).send();
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        ids.add(published.json().get("id").asString());
      }
      // tried and failed (nobody listens) before the stop
      await().atMost(Duration.ofSeconds(20)).until(() -> hub.records(ids.get(2)).size() >= 1);
    } finally {
      first.close();
    }
    WireMockServer receiver = new WireMockServer(options().port(port));
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200)));
    HubProcess second = HubProcess.start(dataDir, SETTINGS);
    try {
      second.awaitReady(START);
      await().atMost(Duration.ofSeconds(60))
          .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/events"))).size() >= ids.size());
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/events"))).size() == ids.size());
      assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/events"))).stream().map(r -> r.getHeader("webhook-id")))
          .containsExactlyInAnyOrderElementsOf(ids);
    } finally {
      second.close();
      receiver.stop();
    }
  }
}
