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
import java.util.List;
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
            "hub.exchange-log.dlq", 500, 200,
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
          fill(jms, audit.queue(), records);
          ExchangeLogWriter writer = new ExchangeLogWriter(jms, chain, new SubjectHasher(audit), audit, new SimpleMeterRegistry(), clock);
          var queue = broker.getActiveMQServer().locateQueue(SimpleString.of(audit.queue()));
          long started = System.nanoTime();
          writer.start();
          JdbcTemplate jdbc = new JdbcTemplate(data);
          long stored = 0;
          while (stored < records) {
            Long n = jdbc.queryForObject("SELECT last_seq FROM exchange_chain_head WHERE id = 1", Long.class);
            stored = n == null ? 0 : n;
            if (stored < records) {
              java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
          }
          double seconds = (System.nanoTime() - started) / 1e9;
          writer.stop();
          if (queue.getMessageCount() != 0) {
            throw new IllegalStateException("the queue still holds " + queue.getMessageCount() + " records");
          }
          return new Result(stored, seconds);
        } finally {
          broker.stop();
        }
      }
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

  /** Puts {@code count} realistic records on the queue, durably, before the writer starts. */
  private static void fill(ActiveMQConnectionFactory jms, String queue, int count) throws Exception {
    try (Connection connection = jms.createConnection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
      MessageProducer producer = session.createProducer(session.createQueue(queue));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      Instant now = Instant.now();
      for (int i = 0; i < count; i++) {
        ExchangeRecord r = ExchangeRecord.builder()
            .id(UUID.randomUUID()).messageId(UUID.randomUUID().toString()).clientId("VN/GOV/UBND-HN/MOTCUA")
            .serviceId("VN/GOV/BCA/DANCU/citizen-info").issue("HS-2026-" + i).method("GET")
            .path("/r1/VN/GOV/BCA/DANCU/citizen-info/#2b3842b221bd14a7").status(200).requestSize(0).responseSize(646)
            .requestInAt(now).requestOutAt(now).responseInAt(now).responseOutAt(now)
            .requestHash("q".repeat(88)).responseHash("r".repeat(88)).subjectHash("s".repeat(64))
            .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build();
        producer.send(session.createTextMessage(new String(RecordCodec.write(r), java.nio.charset.StandardCharsets.UTF_8)));
        if (i % 1000 == 999) {
          session.commit();
        }
      }
      session.commit();
    }
  }
}
