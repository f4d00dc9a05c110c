package vn.lgsp.hub.audit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.WitnessProperties;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.SealWitness;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.chain.WitnessLog;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordCodec;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.audit.verification.LogVerifier;
import vn.lgsp.hub.embedded.EmbeddedBrokerConfiguration;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Two hubs' exchange-log writers, each run by its own election, on one broker queue and one
 * database, with the production classes. Records are published throughout (some twice, as the
 * broker may redeliver) while the lead moves three times, the leader's session ended as when its
 * process dies, and for a stretch both writers run at once, as two hubs do that both believe they
 * lead. Every record is in the chain exactly once, both hubs sealed, and the chain verifies intact
 * against the seal witness.
 */
class TwoWritersOneChainTest {

  private static final LeaderProperties SETTINGS = new LeaderProperties(Duration.ofSeconds(1), Duration.ofSeconds(5));

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** One hub: its pool, chain, witness file, writer and election. */
  record Hub(String id, ExchangeChain chain, ExchangeLogWriter writer, LeaderElection election) {}

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private static AuditProperties audit() {
    return new AuditProperties("two-writers-subject-hash-key", "hub.exchange-log", "hub.exchange-log.dlq", 50, 200,
        new AuditProperties.Seal(null, "two-writers-seal-password", "exchange-log-seal", true, 40, Duration.ofSeconds(1),
            List.of()),
        new AuditProperties.PayloadCapture(List.of(), null),
        new AuditProperties.Retention(null, null, Duration.ofHours(1)));
  }

  private Hub hub(String id, ScratchPostgres database, Path folder, String brokerUrl, AuditProperties audit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    config.setPoolName(id);
    HikariDataSource pool = new HikariDataSource(config);
    resources.add(pool);
    ExchangeChain chain = new ExchangeChain(new JdbcTemplate(pool), new TransactionTemplate(new DataSourceTransactionManager(pool)),
        // every hub signs with the one seal key the deployment gives them all
        new SealKey(audit, new HubProperties(folder, null)),
        new SealWitness(new WitnessProperties(folder.resolve("witness"), null, Duration.ofSeconds(5)),
            new HubProperties(folder.resolve(id), id), new SimpleMeterRegistry()),
        audit, Clock.systemUTC());
    ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory(brokerUrl);
    resources.add(jms);
    // wrapped as Spring Boot wraps the hub's (spring.jms.cache): cached sessions and consumers
    CachingConnectionFactory cached = new CachingConnectionFactory(jms);
    resources.add(cached::destroy);
    ExchangeLogWriter writer = new ExchangeLogWriter(cached, chain, new SubjectHasher(audit), audit, new SimpleMeterRegistry(),
        Clock.systemUTC());
    LeaderElection election = new LeaderElection(database.connections(id, SETTINGS.deadAfter()), id, SETTINGS,
        () -> List.of(writer), new SimpleMeterRegistry(), Clock.systemUTC());
    resources.add(election::stop);
    resources.add(writer::stop);
    return new Hub(id, chain, writer, election);
  }

  @Test
  void recordsPublishedWhileTheLeadMovesAreChainedExactlyOnce() throws Exception {
    Path folder = TestDataDir.create("two-writers");
    AuditProperties audit = audit();
    ScratchPostgres database = new ScratchPostgres("two-writers-db");
    resources.add(database);
    HikariDataSource reader = new HikariDataSource(pool(database));
    resources.add(reader);
    Flyway.configure().dataSource(reader).locations("classpath:db/migration").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(reader);
    EmbeddedActiveMQ broker = broker(folder.resolve("artemis"), audit);
    resources.add(broker::stop);
    String brokerUrl = "vm://" + broker.getActiveMQServer().getConfiguration().getAcceptorConfigurations().iterator().next()
        .getParams().get("serverId");

    Hub a = hub("hub-a", database, folder, brokerUrl, audit);
    Hub b = hub("hub-b", database, folder, brokerUrl, audit);
    a.election().start();
    b.election().start();
    assertThat(a.election().isLeader()).isTrue();
    assertThat(a.writer().isRunning()).isTrue();
    assertThat(b.writer().isRunning()).as("the follower's writer stands by").isFalse();

    Set<UUID> published = ConcurrentHashMap.newKeySet();
    AtomicBoolean publishing = new AtomicBoolean(true);
    Thread publisher = new Thread(() -> publish(new ActiveMQConnectionFactory(brokerUrl), audit.queue(), published, publishing));
    publisher.start();
    try {
      storedAtLeast(jdbc, 150);
      Hub leader = a;
      List<Long> takeovers = new ArrayList<>();
      for (int change = 0; change < 3; change++) {
        Hub old = leader;
        Hub next = old == a ? b : a;
        long killedAt = System.nanoTime();
        assertThat(database.kill(old.id())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> next.election().isLeader());
        takeovers.add(Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        await().atMost(Duration.ofSeconds(3)).until(() -> !old.writer().isRunning());
        storedAtLeast(jdbc, stored(jdbc) + 150);
        if (change == 1) {
          // both believe they lead: the old leader's writer runs on beside the new one's
          old.writer().start();
          storedAtLeast(jdbc, stored(jdbc) + 300);
          old.writer().stop();
        }
        leader = next;
      }
      System.out.printf("writer takeovers after the leader's session was killed: %s ms%n", takeovers);
    } finally {
      publishing.set(false);
      publisher.join();
    }
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> stored(jdbc) >= published.size());
    a.election().stop();
    b.election().stop();

    List<UUID> ids = jdbc.queryForList("SELECT id FROM exchange_record", UUID.class);
    assertThat(ids).as("every record exactly once").hasSize(published.size()).doesNotHaveDuplicates();
    assertThat(Set.copyOf(ids)).isEqualTo(published);
    assertThat(jdbc.queryForObject("SELECT count(DISTINCT chain_seq) = count(*) AND min(chain_seq) = 1 AND max(chain_seq)"
        + " = count(*) FROM exchange_record", Boolean.class)).as("one chain, no gap, no position twice").isTrue();
    assertThat(depth(broker, audit.queue())).as("nothing left in the broker").isZero();
    assertThat(depth(broker, audit.deadLetterQueue())).as("nothing dead-lettered").isZero();

    ExchangeChain.Head head = a.chain().head();
    if (head.sealedSeq() < head.lastSeq()) {
      a.chain().sealNow();
    }
    Path witness = folder.resolve("witness");
    try (Stream<Path> files = Files.list(witness)) {
      assertThat(files.filter(f -> f.toFile().length() > 0).map(f -> f.getFileName().toString()))
          .as("both leaders sealed, each into its own witness file").hasSize(2)
          .anyMatch(name -> name.contains("hub-a")).anyMatch(name -> name.contains("hub-b"));
    }
    SealKey key = new SealKey(audit, new HubProperties(folder, null));
    LogVerifier.Report report = new LogVerifier(new TrustedKeys(List.of(key.certificate())), Clock.systemUTC(),
        audit.maxUnsealedRun()).verify(List.of(), new ChainReader(reader), true, WitnessLog.newest(witness).orElse(null));
    assertThat(report.intact()).as("%s", report.firstBad()).isTrue();
    assertThat(report.records()).isEqualTo(published.size());
    assertThat(report.witnessedSeq()).isEqualTo(report.lastSeq());
    System.out.printf("%d records, %d seals, one chain, intact%n", report.records(), report.seals());
  }

  private static long depth(EmbeddedActiveMQ broker, String queue) {
    Queue q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
    return q == null ? 0 : q.getMessageCount();
  }

  private static HikariConfig pool(ScratchPostgres database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setUsername("postgres");
    config.setMaximumPoolSize(2);
    return config;
  }

  private static long stored(JdbcTemplate jdbc) {
    Long n = jdbc.queryForObject("SELECT count(*) FROM exchange_record", Long.class);
    return n == null ? 0 : n;
  }

  private static void storedAtLeast(JdbcTemplate jdbc, long count) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> stored(jdbc) >= count);
  }

  /** Durable sends, one record at a time as the hub does, every tenth sent twice (a redelivery). */
  private static void publish(ActiveMQConnectionFactory jms, String queue, Set<UUID> published, AtomicBoolean publishing) {
    try (jms; Connection connection = jms.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      MessageProducer producer = session.createProducer(session.createQueue(queue));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (int i = 0; publishing.get(); i++) {
        ExchangeRecord r = record(i);
        String body = new String(RecordCodec.write(r), StandardCharsets.UTF_8);
        producer.send(session.createTextMessage(body));
        if (i % 10 == 0) {
          producer.send(session.createTextMessage(body));
        }
        published.add(r.id());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ExchangeRecord record(int i) {
    Instant now = Instant.now();
    return ExchangeRecord.builder()
        .id(UUID.randomUUID()).messageId("two-writers-" + i).clientId("VN/GOV/UBND-HN/MOTCUA")
        .serviceId("VN/GOV/BCA/DANCU/citizen-info").issue("HS-2026-" + i).method("GET")
        .path("/r1/VN/GOV/BCA/DANCU/citizen-info/#2b3842b221bd14a7").status(200).requestSize(0).responseSize(646)
        .requestInAt(now).requestOutAt(now).responseInAt(now).responseOutAt(now).build();
  }

  /** A persistent broker as the hub's: journal synced, no redelivery limit on the log's queue. */
  private static EmbeddedActiveMQ broker(Path dir, AuditProperties audit) throws Exception {
    Files.createDirectories(dir);
    ConfigurationImpl config = new ConfigurationImpl();
    EmbeddedBrokerConfiguration.applyHubSettings(config, dir, audit);
    // a server id of its own: Spring contexts of other tests in this JVM may hold in-VM brokers
    config.addAcceptorConfiguration("in-vm", "vm://" + ThreadLocalRandom.current().nextInt(10_000, 1_000_000));
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    broker.setConfiguration(config);
    broker.start();
    return broker;
  }
}
