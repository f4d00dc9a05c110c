package vn.lgsp.hub.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.WitnessProperties;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.SealWitness;
import vn.lgsp.hub.audit.pipeline.ExchangeLogWriter;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordCodec;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.embedded.EmbeddedBrokerConfiguration;

/**
 * The exchange-log writer alone, as the hub runs it: a durable Artemis queue (journal synced), the
 * writer reading it in transacted batches, chaining and sealing into PostgreSQL (fsync on). The
 * queue is filled first, then the writer drains it: records per second, sustained.
 */
final class WriterBenchmark {

  record Result(long records, double seconds) {
    double perSecond() {
      return records / seconds;
    }
  }

  private WriterBenchmark() {}

  /**
   * The broker's logging as the hub sets it (application.yaml): outside Spring Boot, Artemis' audit
   * loggers would write a line for every message sent and consumed, and the benchmark would measure them.
   */
  private static void quietBroker() {
    for (String name : List.of("org.apache.activemq.audit", "org.apache.activemq.artemis.core.server")) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }

  /** The writer alone, for profiling: {@code java -cp <test classpath> vn.lgsp.hub.bench.WriterBenchmark [records]}. */
  public static void main(String[] args) throws Exception {
    Result r = run(Path.of("target/bench/writer-alone"), args.length > 0 ? Integer.parseInt(args[0]) : 100_000);
    System.out.printf("%d records in %.1f s: %.0f records/s%n", r.records(), r.seconds(), r.perSecond());
    System.exit(0);
  }

  static Result run(Path folder, int records) throws Exception {
    quietBroker();
    Files.createDirectories(folder);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(folder.resolve("postgres")).setCleanDataDirectory(true).setPort(0)
        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
        .setServerConfig("unix_socket_directories", folder.toAbsolutePath().toString())
        .start()) {
      HikariConfig pool = new HikariConfig();
      pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      pool.setUsername("postgres");
      pool.setMaximumPoolSize(4);
      pool.addDataSourceProperty("reWriteBatchedInserts", "true");
      try (HikariDataSource data = new HikariDataSource(pool)) {
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        AuditProperties audit = new AuditProperties("bench-subject-hash-key-0123", "hub.exchange-log",
            "hub.exchange-log.dlq", 1000, 200,
            new AuditProperties.Seal(null, "bench-seal-password", "exchange-log-seal", true, 1000, Duration.ofSeconds(10),
                List.of()),
            new AuditProperties.PayloadCapture(List.of(), null),
            new AuditProperties.Retention(null, null, Duration.ofHours(1)));
        Clock clock = Clock.systemUTC();
        ExchangeChain chain = new ExchangeChain(new JdbcTemplate(data),
            new TransactionTemplate(new DataSourceTransactionManager(data)),
            new SealKey(audit, new HubProperties(folder, null)),
            new SealWitness(new WitnessProperties(null, null, Duration.ofSeconds(5)), new HubProperties(folder, null),
                new SimpleMeterRegistry()),
            audit, clock);
        EmbeddedActiveMQ broker = broker(folder.resolve("artemis"), audit);
        try {
          ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory("vm://0");
          // a quarter more first, not counted: the writer's JIT warm-up, as the hub's scenarios have theirs
          long warmUp = records / 4;
          fill(jms, audit.queue(), (int) warmUp + records, new SubjectHasher(audit));
          ExchangeLogWriter writer = new ExchangeLogWriter(jms, chain, new SubjectHasher(audit), audit, new SimpleMeterRegistry(), clock);
          var queue = broker.getActiveMQServer().locateQueue(SimpleString.of(audit.queue()));
          writer.start();
          JdbcTemplate jdbc = new JdbcTemplate(data);
          long warm = storedAtLeast(jdbc, warmUp);
          long started = System.nanoTime();
          long stored = storedAtLeast(jdbc, warmUp + records);
          double seconds = (System.nanoTime() - started) / 1e9;
          writer.stop();
          if (queue.getMessageCount() != 0) {
            throw new IllegalStateException("the queue still holds " + queue.getMessageCount() + " records");
          }
          return new Result(stored - warm, seconds);
        } finally {
          broker.stop();
        }
      }
    }
  }

  /** Waits until the chain holds at least {@code count} records; answers how many it holds then. */
  private static long storedAtLeast(JdbcTemplate jdbc, long count) {
    while (true) {
      Long n = jdbc.queryForObject("SELECT last_seq FROM exchange_chain_head WHERE id = 1", Long.class);
      if (n != null && n >= count) {
        return n;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }

  private static EmbeddedActiveMQ broker(Path dir, AuditProperties audit) throws Exception {
    ConfigurationImpl config = new ConfigurationImpl();
    EmbeddedBrokerConfiguration.applyHubSettings(config, dir, audit);
    config.addAcceptorConfiguration("in-vm", "vm://0");
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    broker.setConfiguration(config);
    broker.start();
    return broker;
  }

  /**
   * Puts {@code count} records on the queue, durably, before the writer starts: records as a busy day
   * brings them, so that every index the database keeps sees the spread it would (issue 17, point 5):
   * 100,000 people (subject hashes as the hub computes them), 63 provinces' one-stop systems and a
   * ministry's own, the sandbox's services, request times rising at about 2,000 a second with each
   * exchange's own duration, callers' random X-Road-Ids, a dossier per few exchanges, answers of
   * varied sizes and statuses. Record ids come from the hub's own generator (the builder's default).
   */
  private static void fill(ActiveMQConnectionFactory jms, String queue, int count, SubjectHasher hasher) throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    String[] subjects = new String[100_000];
    for (int i = 0; i < subjects.length; i++) {
      subjects[i] = hasher.hash(String.format("0%02d%09d", i % 96, 85_000_000L + i));
    }
    String[] clients = new String[64];
    for (int i = 0; i < 63; i++) {
      clients[i] = "VN/GOV/UBND-P" + (i + 1) + "/MOTCUA";
    }
    clients[63] = "VN/GOV/BCA/DIEUTRA";
    String[] services = {"VN/GOV/BCA/DANCU/citizen-info", "VN/GOV/BTC/THUE/taxpayer", "VN/GOV/BHXH/BAOHIEM/insurance",
        "VN/GOV/NHNN/NGANHANG/account-check", "VN/GOV/LGSP/HUB/citizen-profile", "VN/GOV/BCA/DANCU/household"};
    int[][] statuses = {{200, 930}, {404, 30}, {403, 20}, {429, 10}, {400, 5}, {502, 5}};
    Map<Integer, String> problems = Map.of(404, "not-found", 403, "access-denied", 429, "too-many-requests",
        400, "bad-request", 502, "backend-unavailable");
    Base64.Encoder base64 = Base64.getEncoder();
    try (Connection connection = jms.createConnection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
      MessageProducer producer = session.createProducer(session.createQueue(queue));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      long micros = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() * 1000;
      for (int i = 0; i < count; i++) {
        micros += random.nextLong(1, 1000);
        Instant in = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        Instant out = in.plus(random.nextLong(200, 2000), ChronoUnit.MICROS);
        Instant answered = out.plus(random.nextLong(2000, 40_000), ChronoUnit.MICROS);
        int status = pick(statuses, random.nextInt(1000));
        String service = services[random.nextInt(services.length)];
        String subject = subjects[random.nextInt(subjects.length)];
        ExchangeRecord r = ExchangeRecord.builder()
            .messageId(new UUID(random.nextLong(), random.nextLong()).toString())
            .clientId(clients[random.nextInt(clients.length)]).serviceId(service)
            .issue("HS-2026-" + (i / 3 + random.nextInt(50))).method("GET")
            .path("/r1/" + service + "/#" + subject.substring(0, 16)).status(status)
            .errorType(problems.get(status))
            .requestSize(0).responseSize(status == 200 ? random.nextLong(300, 4000) : random.nextLong(200, 400))
            .requestInAt(in).requestOutAt(out).responseInAt(answered).responseOutAt(answered.plus(300, ChronoUnit.MICROS))
            .requestHash(SubjectHasher.KEYED_REQUEST_HASH + base64.encodeToString(bytes(random, 32)))
            .responseHash(base64.encodeToString(bytes(random, 64)))
            .subjectHash(subject)
            .traceparent("00-" + HexFormat.of().formatHex(bytes(random, 16)) + "-" + HexFormat.of().formatHex(bytes(random, 8))
                + "-01").build();
        // as the hub sends them (ExchangeLogPublisher)
        producer.send(session.createTextMessage(new String(RecordCodec.write(r), java.nio.charset.StandardCharsets.UTF_8)));
        if (i % 1000 == 999) {
          session.commit();
        }
      }
      session.commit();
    }
  }

  private static int pick(int[][] weighted, int roll) {
    int sum = 0;
    for (int[] w : weighted) {
      sum += w[1];
      if (roll < sum) {
        return w[0];
      }
    }
    return weighted[0][0];
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
