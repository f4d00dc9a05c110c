package vn.lgsp.hub.audit.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;

/**
 * Puts each change of writer in the chain itself: an event naming the instance that took the lead,
 * so that the log tells which hub wrote and sealed it from when.
 */
@Component
public class LeadershipRecord implements LeadershipListener {

  private static final Logger log = LoggerFactory.getLogger(LeadershipRecord.class);

  private final AuditTrail trail;
  private final String instanceId;

  public LeadershipRecord(AuditTrail trail, HubProperties hub) {
    this.trail = trail;
    this.instanceId = hub.node();
  }

  @Override
  public void becameLeader() {
    try {
      trail.event(AuditTrail.HUB, "exchange-log.leader",
          "instance " + instanceId + " took the lead: it writes, seals and archives the exchange log", null);
    } catch (RuntimeException e) {
      log.warn("the change of leader to {} could not be recorded ({})", instanceId, e.getClass().getSimpleName());
    }
  }

  @Override
  public void lostLeadership() {
    // the next leader records its own taking over
  }
}
