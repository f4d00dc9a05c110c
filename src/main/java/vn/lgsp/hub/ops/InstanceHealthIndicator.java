package vn.lgsp.hub.ops;

import jakarta.jms.ConnectionFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.pipeline.LeaderElection;

/**
 * {@code instance}: which hub this is among several on one database and broker, whether it leads
 * (writes, seals and archives the exchange log) and which hub does, and where its database and
 * broker are (no passwords). Always up: a hub that does not lead serves as well, and with no leader
 * the records wait in the broker (the {@code hub_leader} gauge, summed over the hubs, says so).
 */
@Component
public class InstanceHealthIndicator implements HealthIndicator {

  private final LeaderElection election;
  private final String database;
  private final ObjectProvider<ConnectionFactory> broker;

  public InstanceHealthIndicator(LeaderElection election, DataSource dataSource, ObjectProvider<ConnectionFactory> broker) {
    this.election = election;
    this.database = ConnectionUrls.database(dataSource);
    this.broker = broker;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up()
        .withDetail("instanceId", election.instanceId())
        .withDetail("leader", election.isLeader())
        .withDetail("leaderInstance", election.leader().orElse("none"));
    if (election.leaderSince() != null) {
      health.withDetail("leaderSince", election.leaderSince());
    }
    election.problem().ifPresent(p -> health.withDetail("election", "cannot reach the database: " + p));
    ConnectionFactory factory = broker.getIfUnique();
    return health.withDetail("database", database)
        .withDetail("broker", factory == null ? "none" : ConnectionUrls.broker(factory))
        .build();
  }
}
