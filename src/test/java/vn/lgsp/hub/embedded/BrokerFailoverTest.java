package vn.lgsp.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jms.JmsException;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordCodec;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The production topology's broker: a live/backup pair with replication, the hub's connection
 * factory as Spring Boot builds it from a failover URL of the form the README documents (shorter
 * retry intervals; the hub's own defaults, {@code mode: embedded}, switched off by
 * {@link ExternalBroker}), and the hub's publisher.
 * The live broker fails between sends: every record whose send returned is on the backup, once.
 */
class BrokerFailoverTest {

  private static final String QUEUE = "hub.exchange-log";
  private static final int BEFORE = 40;
  /** Records acknowledged after the failure, at least. */
  private static final int AFTER = 40;

  private final Path dir = TestDataDir.create("broker-pair");
  private final int livePort = FreePort.pick();
  private final int backupPort = FreePort.pick();
  private final List<EmbeddedActiveMQ> brokers = new ArrayList<>();

  @AfterEach
  void stopBrokers() throws Exception {
    for (EmbeddedActiveMQ broker : brokers) {
      broker.stop();
    }
  }

  @Test
  void everyAcknowledgedRecordSurvivesTheLiveBrokersFailureExactlyOnce() throws Exception {
    EmbeddedActiveMQ live = start("live", livePort, backupPort, new ReplicatedPolicyConfiguration());
    EmbeddedActiveMQ backup = start("backup", backupPort, livePort, new ReplicaPolicyConfiguration().setAllowFailBack(false));
    await().atMost(Duration.ofSeconds(20)).until(() -> backup.getActiveMQServer().isReplicaSync());

    String url = "(tcp://127.0.0.1:" + livePort + ",tcp://127.0.0.1:" + backupPort + ")"
        + "?ha=true&reconnectAttempts=-1&retryInterval=100&retryIntervalMultiplier=1.5&maxRetryInterval=2000";
    hubConnection(url).run(context -> {
      assertThat(context).doesNotHaveBean(EmbeddedActiveMQ.class).doesNotHaveBean(ArtemisConfigurationCustomizer.class);
      ConnectionFactory factory = context.getBean(ConnectionFactory.class);
      assertThat(factory).isInstanceOf(CachingConnectionFactory.class);
      assertThat(((CachingConnectionFactory) factory).getTargetConnectionFactory())
          .isInstanceOfSatisfying(ActiveMQConnectionFactory.class, f -> {
            assertThat(f.isHA()).isTrue();
            assertThat(f.getServerLocator().getStaticTransportConfigurations()).hasSize(2);
            assertThat(f.isBlockOnDurableSend()).isTrue();
          });
      AuditProperties audit = audit();
      ExchangeLogPublisher publisher = new ExchangeLogPublisher(context.getBean(JmsTemplate.class), audit, new SubjectHasher(audit));
      BrokerQueueDepth depth = new BrokerQueueDepth(context.getBeanProvider(EmbeddedActiveMQ.class),
          context.getBeanProvider(ConnectionFactory.class));

      Set<String> acknowledged = new HashSet<>();
      for (int i = 0; i < BEFORE; i++) {
        publisher.publish(record("before-" + i));
        acknowledged.add("before-" + i);
      }
      assertThat(depth.of(QUEUE)).hasValue(BEFORE);
      assertThat(depth.of(audit.deadLetterQueue())).hasValue(0);

      // a sender keeps publishing while the live broker fails under it
      Set<String> sentAfter = ConcurrentHashMap.newKeySet();
      AtomicInteger refused = new AtomicInteger();
      AtomicBoolean sending = new AtomicBoolean(true);
      ExecutorService sender = Executors.newSingleThreadExecutor();
      Future<?> sends = sender.submit(() -> {
        for (int i = 0; sending.get(); i++) {
          try {
            publisher.publish(record("during-" + i));
            sentAfter.add("during-" + i);
          } catch (JmsException e) {
            // not acknowledged: the hub answers with an error and promises no record
            refused.incrementAndGet();
          }
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> sentAfter.size() >= 10);
      live.getActiveMQServer().fail(true);
      int atFailure = sentAfter.size();
      await().atMost(Duration.ofSeconds(30)).until(() -> backup.getActiveMQServer().isActive()
          && sentAfter.size() >= atFailure + AFTER);
      sending.set(false);
      sends.get();
      sender.shutdown();
      acknowledged.addAll(sentAfter);
      assertThat(refused.get()).as("sends refused during the failover").isLessThan(10);

      BrokerQueueDepth afterwards = new BrokerQueueDepth(context.getBeanProvider(EmbeddedActiveMQ.class),
          context.getBeanProvider(ConnectionFactory.class));
      assertThat(afterwards.of(QUEUE).orElseThrow()).as("depth from the backup, through the failover URL")
          .isGreaterThanOrEqualTo(acknowledged.size());
      List<String> consumed = drain("tcp://127.0.0.1:" + backupPort);
      assertThat(consumed).as("%d acknowledged, %d refused", acknowledged.size(), refused.get())
          .doesNotHaveDuplicates().containsAll(acknowledged);
    });
  }

  /** The hub's connection as its configuration makes it: its defaults, the operator's URL, then the hub's rule. */
  private static ApplicationContextRunner hubConnection(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ArtemisAutoConfiguration.class, JmsAutoConfiguration.class))
        .withUserConfiguration(EmbeddedBrokerConfiguration.class)
        .withPropertyValues("spring.artemis.mode=embedded", "spring.artemis.embedded.enabled=true",
            "spring.artemis.embedded.persistent=true", "spring.jms.cache.session-cache-size=80",
            ExternalBroker.URL + "=" + url)
        .withInitializer(context -> new ExternalBroker().postProcessEnvironment(context.getEnvironment(), null));
  }

  private EmbeddedActiveMQ start(String name, int port, int peerPort, HAPolicyConfiguration ha) throws Exception {
    Path root = dir.resolve(name);
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName(name);
    config.setPersistenceEnabled(true);
    config.setSecurityEnabled(false);
    config.setJournalDirectory(root.resolve("journal").toString());
    config.setBindingsDirectory(root.resolve("bindings").toString());
    config.setLargeMessagesDirectory(root.resolve("large-messages").toString());
    config.setPagingDirectory(root.resolve("paging").toString());
    config.setJournalSyncNonTransactional(true);
    config.setClusterUser("hub-cluster");
    config.setClusterPassword("broker-pair-test");
    config.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port);
    config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + port);
    config.addConnectorConfiguration("peer", "tcp://127.0.0.1:" + peerPort);
    config.addClusterConfiguration(new ClusterConnectionConfiguration().setName("hub-pair").setConnectorName("self")
        .setStaticConnectors(List.of("peer")).setRetryInterval(100));
    config.setHAPolicyConfiguration(ha);
    config.addQueueConfiguration(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
    brokers.add(broker);
    broker.start();
    return broker;
  }

  private static List<String> drain(String url) throws Exception {
    List<String> ids = new ArrayList<>();
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        Connection connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
      connection.start();
      for (Message m = consumer.receive(1_000); m != null; m = consumer.receive(500)) {
        ids.add(RecordCodec.read(((TextMessage) m).getText()).messageId());
      }
    }
    return ids;
  }

  private static ExchangeRecord record(String messageId) {
    Instant now = Instant.now();
    return ExchangeRecord.builder().messageId(messageId).clientId("VN/GOV/UBND-HN/MOTCUA").method("GET")
        .path("/r1/x").status(200).requestInAt(now).responseOutAt(now).build();
  }

  private static AuditProperties audit() {
    return new AuditProperties("broker-pair-subject-key", QUEUE, QUEUE + ".dlq", 500, 200,
        new AuditProperties.Seal(null, "unused", "exchange-log-seal", false, 1000, Duration.ofSeconds(10), List.of()),
        new AuditProperties.PayloadCapture(List.of(), null),
        new AuditProperties.Retention(null, null, Duration.ofHours(1)));
  }
}
