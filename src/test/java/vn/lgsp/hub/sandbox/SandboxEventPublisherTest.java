package vn.lgsp.hub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The sandbox's scheduled publisher, one beat of it against the running sandbox hub: it gets its token
 * with the register's well-known credentials, publishes through the front door like any register, and
 * the event is about a person the synthetic population register knows.
 */
class SandboxEventPublisherTest extends SandboxHubTest {

  private static final String ROOM = "/r1/VN/GOV/BCA/DANCU";

  @Test
  void publishesEventsAboutSyntheticPeopleThroughTheFrontDoor() throws Exception {
    String token = hub.token(HANOI);
    for (String type : new String[] {"citizen.residence-changed", "citizen.deceased"}) {
      Response sub = hub.post(ROOM + "/api/v1/subs/" + type, "{\"delivery\":\"PULL\"}").as(HANOI, token).send();
      assertThat(sub.status()).as(sub.body()).isEqualTo(200);
    }
    try {
      SyntheticPopulation population = new SyntheticPopulation();
      SandboxEventPublisher publisher = new SandboxEventPublisher(() -> "http://127.0.0.1:" + port, "sandbox-secret",
          population, Clock.systemUTC());
      for (int i = 0; i < 5; i++) {
        assertThat(publisher.publishOne()).isEqualTo(201);
      }
      // four moves and one death, each about someone the population register knows
      for (String type : new String[] {"citizen.residence-changed", "citizen.deceased"}) {
        int pulled = 0;
        while (true) {
          Response next = hub.get(ROOM + "/pull/v1/" + type).as(HANOI, token).send();
          if (next.status() == 404) {
            break;
          }
          JsonNode event = next.json().get("event");
          assertThat(population.exists(event.get("personalId").asString())).as(event.toString()).isTrue();
          assertThat(hub.delete(ROOM + "/pull/v1/" + type + "/" + next.json().get("id").asString()).as(HANOI, token)
              .send().status()).isEqualTo(204);
          pulled++;
        }
        assertThat(pulled).as(type).isEqualTo(type.equals("citizen.deceased") ? 1 : 4);
      }
    } finally {
      for (String type : new String[] {"citizen.residence-changed", "citizen.deceased"}) {
        hub.delete(ROOM + "/api/v1/subs/" + type).as(HANOI, token).send();
      }
    }
  }
}
