package vn.lgsp.hub.audit.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;

/**
 * Elects the one hub, among all that share the database, that writes the exchange log into the
 * chain, seals it and archives it: the holder of a session-level PostgreSQL advisory lock, taken on
 * a connection of the election's own ({@link LeaderConnections}). Every {@code hub.leader.try-every}
 * each hub tries to take the lock, and the leader checks that its session still holds it; on a
 * change the {@link LeadershipListener}s start or stop their work. The server releases the lock when
 * the leader's session ends: at once when its process dies, within {@code hub.leader.dead-after}
 * when it goes silent. Two hubs that both believe they lead for a moment (the old one has not noticed
 * yet) cannot break the chain: {@link vn.lgsp.hub.audit.chain.ExchangeChain} appends under the head
 * row's lock and skips records already stored.
 */
@Component
public class LeaderElection implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** The advisory lock of the exchange log's writer ("lgsp-ldr"); archiving runs take one of their own. */
  static final long LOCK = 0x6c6773702d6c6472L;

  private static final String WHERE_LOCK = "l.locktype = 'advisory' AND l.classid::bigint = " + (LOCK >>> 32)
      + " AND l.objid::bigint = " + (LOCK & 0xffffffffL) + " AND l.objsubid = 1 AND l.granted";
  private static final String HELD_HERE = "SELECT count(*) FROM pg_locks l WHERE " + WHERE_LOCK
      + " AND l.pid = pg_backend_pid()";
  private static final String HOLDER = "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
      + " WHERE " + WHERE_LOCK + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

  private final LeaderConnections connections;
  private final String instanceId;
  private final LeaderProperties props;
  private final Supplier<List<LeadershipListener>> listeners;
  private final Clock clock;

  private Connection connection;
  private volatile boolean leader;
  private volatile String leaderId;
  private volatile Instant leaderSince;
  private volatile String problem;
  private ScheduledExecutorService scheduler;

  @Autowired
  public LeaderElection(DataSource dataSource, HubProperties hub, LeaderProperties props,
      ObjectProvider<LeadershipListener> listeners, MeterRegistry meters, Clock clock) {
    this(LeaderConnections.of(dataSource, hub.node(), props.deadAfter()), hub.node(), props,
        () -> listeners.orderedStream().toList(), meters, clock);
  }

  public LeaderElection(LeaderConnections connections, String instanceId, LeaderProperties props,
      Supplier<List<LeadershipListener>> listeners, MeterRegistry meters, Clock clock) {
    this.connections = connections;
    this.instanceId = instanceId;
    this.props = props;
    this.listeners = listeners;
    this.clock = clock;
    Gauge.builder("hub.leader", this, e -> e.isLeader() ? 1 : 0)
        .description("1 on the hub that writes, seals and archives the exchange log, 0 on the others (alert when the"
            + " sum over all hubs is not 1)").register(meters);
  }

  /** Takes part at once (the only hub on its database leads as soon as it starts), then every {@code try-every}. */
  @Override
  public synchronized void start() {
    tick();
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "leader-election"));
    long every = props.tryEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  /** Hands the lead over: the work stops first, then the lock is released for the next hub. */
  @Override
  public void stop() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = scheduler;
      scheduler = null;
    }
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      relinquish();
      close();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** Where the exchange-log writer used to start on its own: after the broker and the database, stopped before them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  public String instanceId() {
    return instanceId;
  }

  public boolean isLeader() {
    return leader;
  }

  /** Since when this hub leads; null when it does not. */
  public Instant leaderSince() {
    return leader ? leaderSince : null;
  }

  /**
   * The leader's instance id: this hub's own when it leads, else as the database last showed it (the
   * first 63 characters); empty when no hub holds the lead or the database cannot be asked.
   */
  public Optional<String> leader() {
    return leader ? Optional.of(instanceId) : Optional.ofNullable(leaderId);
  }

  /** Why the last attempt failed (the database could not be reached), or empty. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** One round: take the lead if it is free, or check that it is still held. */
  synchronized void tick() {
    try {
      if (connection == null) {
        connection = connections.open();
      }
      if (leader) {
        if (count(HELD_HERE) != 1) {
          lose("its session no longer holds the lock", false);
        }
      } else if (tryLock()) {
        win();
      } else {
        leaderId = holder();
      }
      problem = null;
    } catch (SQLException | RuntimeException e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
      leaderId = null;
      close();
      if (leader) {
        lose("its database session failed (" + e.getClass().getSimpleName() + ")", false);
      } else {
        log.debug("instance {} could not take part in the leader election ({})", instanceId, problem);
      }
    }
  }

  /** Gives the lead up if this hub holds it: stops the work, then releases the lock on the same session. */
  synchronized void relinquish() {
    if (!leader) {
      return;
    }
    lose("it hands the lead over", true);
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, LOCK);
      unlock.executeQuery().close();
      leaderId = null;
    } catch (SQLException | RuntimeException e) {
      // the session is gone, and the lock with it
      close();
    }
  }

  private boolean tryLock() throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, LOCK);
      try (ResultSet rs = lock.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private void win() {
    leaderId = LeaderConnections.applicationName(instanceId);
    leaderSince = clock.instant();
    log.info("instance {} leads: it writes, seals and archives the exchange log", instanceId);
    for (LeadershipListener l : listeners.get()) {
      try {
        l.becameLeader();
      } catch (RuntimeException e) {
        log.error("{} did not start on the leader: {}", l.getClass().getSimpleName(), e.toString());
      }
    }
    // last, so that the gauge and health never show a leader whose work has not started
    leader = true;
  }

  private void lose(String why, boolean handedOver) {
    leader = false;
    if (handedOver) {
      log.info("instance {} no longer leads: {}; its exchange-log work stops", instanceId, why);
    } else {
      log.warn("instance {} no longer leads: {}; its exchange-log work stops", instanceId, why);
    }
    List<LeadershipListener> reversed = new ArrayList<>(listeners.get());
    Collections.reverse(reversed);
    for (LeadershipListener l : reversed) {
      try {
        l.lostLeadership();
      } catch (RuntimeException e) {
        log.error("{} did not stop cleanly: {}", l.getClass().getSimpleName(), e.toString());
      }
    }
  }

  private String holder() throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(HOLDER); ResultSet rs = query.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private long count(String sql) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // a broken session: closing it is all that was left to do
      }
      connection = null;
    }
  }
}
