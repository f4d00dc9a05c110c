package vn.lgsp.hub.audit.pipeline;

/**
 * What runs on the leader only: the exchange-log writer (and with it sealing and the seal witness)
 * and retention. Called on the election's thread, one transition at a time; {@link #lostLeadership}
 * returns once the work has stopped (or given up waiting for it), so a hub never leads twice at once.
 */
public interface LeadershipListener {

  void becameLeader();

  void lostLeadership();
}
