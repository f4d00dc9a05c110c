package vn.lgsp.hub.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.pipeline.ExchangeLogWriter;
import vn.lgsp.hub.audit.pipeline.LeaderElection;
import vn.lgsp.hub.audit.pipeline.QueueDepth;

/**
 * {@code exchangeLog}: the writer's backlog in the broker, dead letters, when it last stored, and
 * how much of the chain is not sealed yet. Down only when this hub leads and its writer is not
 * running: a backlog while the database is away is the design working, not a failure of the hub, and
 * on a hub that does not lead the writer stands by ({@code writer: standby}).
 */
@Component
public class ExchangeLogHealthIndicator implements HealthIndicator {

  private final ExchangeLogWriter writer;
  private final QueueDepth depth;
  private final ExchangeChain chain;
  private final AuditProperties audit;
  private final LeaderElection election;

  public ExchangeLogHealthIndicator(ExchangeLogWriter writer, QueueDepth depth, ExchangeChain chain,
      AuditProperties audit, LeaderElection election) {
    this.writer = writer;
    this.election = election;
    this.depth = depth;
    this.chain = chain;
    this.audit = audit;
  }

  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("writer", writer.isRunning() ? "running" : election.isLeader() ? "stopped" : "standby");
    depth.of(audit.queue()).ifPresent(n -> details.put("backlog", n));
    depth.of(audit.deadLetterQueue()).ifPresent(n -> details.put("deadLetters", n));
    if (writer.lastStoredAt() != null) {
      details.put("lastStoredAt", writer.lastStoredAt());
    }
    try {
      ExchangeChain.Head head = chain.head();
      details.put("chainHead", head.lastSeq());
      details.put("unsealedRecords", head.lastSeq() - head.sealedSeq());
    } catch (DataAccessException e) {
      details.put("database", "unavailable: records wait in the broker");
    }
    return (writer.isRunning() || !election.isLeader() ? Health.up() : Health.down()).withDetails(details).build();
  }
}
