package vn.lgsp.hub.embedded;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;

/**
 * The embedded Artemis broker: a persistent journal under {@code <data-dir>/artemis}, synced on
 * every durable send, and a dead-letter address for exchange records that cannot be stored. Not
 * started when the hub uses an external broker ({@link ExternalBroker}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "spring.artemis.embedded.enabled", matchIfMissing = true)
public class EmbeddedBrokerConfiguration {

  static {
    // before the broker's first use of Netty (NettyOnJava25 says why)
    NettyOnJava25.keepUnsafeCleaner();
  }

  /**
   * Takes the data-directory lock first: Artemis would otherwise wait forever for the journal
   * lock of a hub already running on the same directory.
   */
  @Bean
  ArtemisConfigurationCustomizer hubBrokerCustomizer(
      HubProperties hub, AuditProperties audit, DataDirectoryLock dataDirectoryLock) {
    return config -> applyHubSettings(config, hub.dataDir().toAbsolutePath().resolve("artemis"), audit);
  }

  /**
   * The hub's broker settings on a journal under {@code root}; the writer's tests and benchmark run
   * their brokers with them too, so that they measure the broker the hub runs.
   */
  public static void applyHubSettings(org.apache.activemq.artemis.core.config.Configuration config, Path root,
      AuditProperties audit) {
    config.setPersistenceEnabled(true);
    config.setJournalDirectory(root.resolve("journal").toString());
    config.setBindingsDirectory(root.resolve("bindings").toString());
    config.setLargeMessagesDirectory(root.resolve("large-messages").toString());
    config.setPagingDirectory(root.resolve("paging").toString());
    config.setJournalSyncNonTransactional(true);
    config.setJournalSyncTransactional(true);
    // syncs of concurrent senders are batched within this window (ns); 0.5 ms instead of 3.3
    config.setJournalBufferTimeout_NIO(500_000);
    config.setSecurityEnabled(false);
    config.addAddressSetting(
        audit.queue(),
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of(audit.deadLetterQueue()))
            // never by the broker: redeliveries come from restarts, and the writer itself
            // dead-letters what it cannot store (with its alert metric)
            .setMaxDeliveryAttempts(-1));
    // batch jobs' chunks (batch.BatchQueue): a chunk handed back (a stopping hub, a failed item call) comes
    // again after a growing pause; the worker itself marks a job failed after a chunk's 20th delivery
    config.addAddressSetting("hub.batch.#", new AddressSettings()
        .setRedeliveryDelay(1000).setRedeliveryMultiplier(2).setMaxRedeliveryDelay(60_000).setMaxDeliveryAttempts(-1));
  }
}
