package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.ExternalPostgres;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.Load;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The hub on an external PostgreSQL, configured with the standard {@code spring.datasource.*}
 * settings as in production. The database is stopped for 30 seconds under load: the hub keeps
 * answering (the request path never waits on the database), the records wait in the broker, and
 * once the database is back the stored records are exactly the answered exchanges, none twice.
 */
class DatabaseOutageTest {

  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Test
  void recordsWaitInTheBrokerWhilePostgresIsDownAndNoneIsLostOrDoubled() throws Exception {
    Path pgDir = TestDataDir.create("external-postgres");
    int pgPort = FreePort.pick();
    EmbeddedPostgres postgres = ExternalPostgres.start(pgDir, pgPort);
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LgspHubApplication.class).run(
        "--server.port=0",
        "--hub.data-dir=" + TestDataDir.create("outage-hub"),
        "--spring.datasource.url=" + ExternalPostgres.url(pgPort),
        "--spring.datasource.username=postgres",
        "--spring.datasource.hikari.connection-timeout=2000")) {
      HubClient hub = new HubClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
      assertThat(context.containsBean("embeddedPostgres")).as("the external database replaces the embedded one").isFalse();

      Map<String, Integer> answered;
      String purpose;
      try (Load load = new Load(hub, 4)) {
        purpose = load.purpose;
        await().atMost(Duration.ofSeconds(20)).until(() -> load.answered().size() >= 50);
        postgres.close();
        long stoppedAt = System.nanoTime();
        int beforeOutage = load.answered().size();
        // the outage lasts its full time, and the hub goes on answering through it
        await().atMost(OUTAGE.plusSeconds(15)).pollInterval(Duration.ofSeconds(1))
            .until(() -> System.nanoTime() - stoppedAt >= OUTAGE.toNanos());
        assertThat(load.answered().size()).as("answers during the outage").isGreaterThan(beforeOutage + 50);
        postgres = ExternalPostgres.start(pgDir, pgPort);
        int afterRestart = load.answered().size();
        await().atMost(Duration.ofSeconds(20)).until(() -> load.answered().size() >= afterRestart + 50);
        load.close();
        answered = load.answered();
        assertThat(load.failed()).isZero();
      }
      assertThat(answered.values()).containsOnly(200);

      Map<String, Integer> stored = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> hub.recordCountsByMessageId(purpose), counts -> counts.size() >= answered.size());
      assertThat(stored.keySet()).isEqualTo(answered.keySet());
      assertThat(stored.values()).as("no record twice").containsOnly(1);
      assertThat(hub.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
      System.out.printf("database outage of %d s: %d exchanges answered, %d records stored, none twice%n",
          OUTAGE.toSeconds(), answered.size(), stored.size());
    } finally {
      postgres.close();
    }
  }
}
