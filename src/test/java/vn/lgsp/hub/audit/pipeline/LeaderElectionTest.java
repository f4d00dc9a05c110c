package vn.lgsp.hub.audit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several hubs' elections on one PostgreSQL server: exactly one leads; when the leader's session
 * ends as it does when its process dies (ended by the server), or its holder falls silent, another
 * takes over within 10 s and the old one knows it lost; and no contest ever makes two leaders.
 */
class LeaderElectionTest {

  private static final LeaderProperties SETTINGS = new LeaderProperties(Duration.ofSeconds(1), Duration.ofSeconds(5));
  private static final Duration TAKEOVER = Duration.ofSeconds(10);

  private static ScratchPostgres database;
  private final List<Candidate> candidates = new ArrayList<>();

  /** What a hub's work was told: started, stopped, and whether it runs now. */
  static final class Work implements LeadershipListener {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();
    volatile boolean running;

    @Override
    public void becameLeader() {
      started.incrementAndGet();
      running = true;
    }

    @Override
    public void lostLeadership() {
      running = false;
      stopped.incrementAndGet();
    }
  }

  record Candidate(String id, LeaderElection election, Work work) {
    boolean leads() {
      return election.isLeader();
    }
  }

  @BeforeAll
  static void startDatabase() throws Exception {
    database = new ScratchPostgres("leader-election");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @AfterEach
  void stopCandidates() {
    candidates.forEach(c -> c.election().stop());
  }

  private Candidate candidate(String id) {
    Work work = new Work();
    LeaderElection election = new LeaderElection(database.connections(id, SETTINGS.deadAfter()), id, SETTINGS,
        () -> List.of(work), new SimpleMeterRegistry(), Clock.systemUTC());
    Candidate c = new Candidate(id, election, work);
    candidates.add(c);
    return c;
  }

  @Test
  void exactlyOneLeadsAndAnotherTakesOverWhenTheLeadersSessionIsKilled() {
    Candidate a = candidate("hub-a");
    Candidate b = candidate("hub-b");
    a.election().start();
    b.election().start();

    assertThat(a.leads()).as("the first to try leads").isTrue();
    assertThat(a.work().running).isTrue();
    assertThat(b.leads()).isFalse();
    assertThat(b.work().started).hasValue(0);
    assertThat(b.election().leader()).as("who leads, as another hub sees it").contains("hub-a");
    assertThat(database.lockHolders()).containsExactly("hub-a");

    long killedAt = System.nanoTime();
    assertThat(database.kill("hub-a")).isEqualTo(1);
    await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(20)).until(b::leads);
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.printf("takeover after the leader's session was killed: %d ms%n", takeover.toMillis());

    assertThat(b.work().running).isTrue();
    await().atMost(Duration.ofSeconds(3)).until(() -> !a.leads());
    assertThat(a.work().running).as("the old leader knows it lost and stopped its work").isFalse();
    assertThat(a.work().stopped).hasValue(1);
    await().atMost(Duration.ofSeconds(3)).until(() -> a.election().leader(), l -> l.equals(Optional.of("hub-b")));
    assertThat(a.leads()).as("back as a follower, not a second leader").isFalse();
    assertThat(database.lockHolders()).containsExactly("hub-b");
  }

  @Test
  void aLeaderThatFallsSilentIsReleasedByTheServer() {
    Candidate frozen = candidate("hub-frozen");
    Candidate b = candidate("hub-b");
    // one round and then nothing: a process stopped, or cut off from the database, checks in no more
    frozen.election().tick();
    assertThat(frozen.leads()).isTrue();
    long silentFrom = System.nanoTime();
    b.election().start();
    assertThat(b.leads()).isFalse();

    await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(20)).until(b::leads);
    Duration takeover = Duration.ofNanos(System.nanoTime() - silentFrom);
    System.out.printf("takeover from a silent leader (dead-after %d s): %d ms%n", SETTINGS.deadAfter().toSeconds(),
        takeover.toMillis());
    assertThat(takeover).as("not before the server gave up on the silent session").isGreaterThanOrEqualTo(Duration.ofSeconds(4));

    frozen.election().tick();
    assertThat(frozen.leads()).as("the frozen hub learns at its next round that it lost").isFalse();
    assertThat(frozen.work().stopped).hasValue(1);
    assertThat(database.lockHolders()).containsExactly("hub-b");
  }

  @Test
  void fiftyRoundsOfConcurrentAttemptsNeverMakeTwoLeaders() throws Exception {
    List<Candidate> hubs = List.of(candidate("hub-1"), candidate("hub-2"), candidate("hub-3"), candidate("hub-4"));
    ExecutorService threads = Executors.newFixedThreadPool(hubs.size());
    AtomicBoolean twoAtOnce = new AtomicBoolean();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher = new Thread(() -> {
      while (watching.get()) {
        if (hubs.stream().filter(Candidate::leads).count() > 1) {
          twoAtOnce.set(true);
        }
        LockSupport.parkNanos(20_000);
      }
    });
    watcher.start();
    Set<String> winners = new HashSet<>();
    try {
      for (int round = 0; round < 50; round++) {
        CyclicBarrier together = new CyclicBarrier(hubs.size());
        List<Future<?>> attempts = new ArrayList<>();
        for (Candidate c : hubs) {
          attempts.add(threads.submit(() -> {
            together.await();
            c.election().tick();
            return null;
          }));
        }
        for (Future<?> f : attempts) {
          f.get(10, TimeUnit.SECONDS);
        }
        List<Candidate> leaders = hubs.stream().filter(Candidate::leads).toList();
        assertThat(leaders).as("leaders after round %d", round).hasSize(1);
        Candidate leader = leaders.get(0);
        assertThat(database.lockHolders()).as("round %d", round).containsExactly(leader.id());
        assertThat(hubs.stream().filter(c -> c.work().running).map(Candidate::id)).containsExactly(leader.id());
        winners.add(leader.id());
        leader.election().relinquish();
        assertThat(leader.work().running).isFalse();
      }
    } finally {
      watching.set(false);
      watcher.join();
      threads.shutdownNow();
    }
    assertThat(twoAtOnce).as("two hubs led at one moment").isFalse();
    assertThat(hubs.stream().mapToInt(c -> c.work().started.get()).sum()).isEqualTo(50);
    System.out.printf("50 contests of %d hubs: one leader each time, %d different winners%n", hubs.size(), winners.size());
  }
}
