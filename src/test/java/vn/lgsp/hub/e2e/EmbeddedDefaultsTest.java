package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The embedded default as an operator uses it: two hubs side by side on their own ports and data
 * directories, a data directory that only one hub may use, and records, the chain and a route's
 * suspension that survive a restart.
 */
class EmbeddedDefaultsTest {

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(LgspHubApplication.class)
        .run("--server.port=0", "--hub.data-dir=" + dataDir);
  }

  private static HubClient client(ConfigurableApplicationContext hub) {
    return new HubClient(hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  private static String lookUp(HubClient hub) {
    String messageId = UUID.randomUUID().toString();
    HubClient.Response r =
        hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123")
            .as(HANOI, hub.token(HANOI))
            .header("X-Road-Id", messageId)
            .send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId).size() == 1);
    return messageId;
  }

  @Test
  void twoHubsRunSideBySideAndTheLogSurvivesARestart() {
    Path dirA = TestDataDir.create("hub-a");
    Path dirB = TestDataDir.create("hub-b");
    String messageId;
    try (ConfigurableApplicationContext hubA = start(dirA);
        ConfigurableApplicationContext hubB = start(dirB)) {
      HubClient a = client(hubA);
      HubClient b = client(hubB);
      messageId = lookUp(a);
      String onB = lookUp(b);
      assertThat(b.records(messageId)).isEmpty();
      assertThat(a.records(onB)).isEmpty();

      assertThatThrownBy(() -> start(dirA))
          .rootCause()
          .hasMessageContaining("in use by another hub");
      assertThat(a.adminPost("/admin/api/routes/household/suspend", "{\"reason\":\"kept over a restart\"}").status())
          .isEqualTo(200);
    }
    try (ConfigurableApplicationContext again = start(dirA)) {
      HubClient a = client(again);
      assertThat(a.records(messageId)).hasSize(1);
      assertThat(a.admin("/admin/api/routes/household").json().get("state").asText())
          .as("maintenance survives a restart").isEqualTo("suspended");
      assertThat(a.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
    }
  }
}
