package vn.lgsp.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.engine.Maintenance;
import vn.lgsp.hub.support.SharedTestDatabase;
import vn.lgsp.hub.support.TestDataDir;

/** Two hubs on one database: what an operator changes on one is in force on the other within 2 s. */
class SharedMaintenanceTest {

  private static final Duration WITHIN = Duration.ofSeconds(2);

  private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestDatabase.get());
  private final Maintenance onA = new Maintenance();
  private final Maintenance onB = new Maintenance();
  private MaintenanceStore a;
  private MaintenanceStore b;

  @BeforeEach
  void twoHubs() {
    jdbc.update("DELETE FROM route_maintenance");
    a = store("hub-a", onA);
    b = store("hub-b", onB);
    a.start();
    b.start();
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
    jdbc.update("DELETE FROM route_maintenance");
  }

  @Test
  void aRouteSuspendedOnOneHubIsSuspendedOnTheOtherWithinTwoSeconds() {
    a.suspend("citizen-info", "register migration", "operator");
    assertThat(onA.ofRoute("citizen-info")).as("at once where it was made").isPresent();
    await().atMost(WITHIN).until(() -> onB.ofRoute("citizen-info").isPresent());

    b.resume("citizen-info");
    await().atMost(WITHIN).until(() -> onA.ofRoute("citizen-info").isEmpty());
  }

  @Test
  void hubMaintenanceReachesEveryHubAndNodeMaintenanceOnlyItsNode() {
    a.suspend(Maintenance.WHOLE_HUB, "database upgrade", "operator");
    await().atMost(WITHIN).until(() -> onB.ofHub().isPresent());
    a.resume(Maintenance.WHOLE_HUB);
    await().atMost(WITHIN).until(() -> onB.ofHub().isEmpty());

    // asked on A, meant for B: behind a balancer the operator names the node
    a.suspendNode(b.node(), "drain before the host's reboot", "operator");
    await().atMost(WITHIN).until(() -> onB.ofHub().isPresent());
    assertThat(onA.ofHub()).as("the other node keeps serving").isEmpty();
    a.resumeNode(b.node());
    await().atMost(WITHIN).until(() -> onB.ofHub().isEmpty());
  }

  private MaintenanceStore store(String node, Maintenance maintenance) {
    return new MaintenanceStore(jdbc, maintenance, new HubProperties(TestDataDir.create(node), null, node),
        JsonMapper.builder().build(), Clock.systemUTC());
  }
}
