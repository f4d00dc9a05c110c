package vn.lgsp.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.CachingConnectionFactory;

/** What health tells operators about the database and broker: where they are, never a password. */
class ConnectionUrlsTest {

  @Test
  void passwordsInUrlsAreBlanked() {
    assertThat(ConnectionUrls.withoutSecrets("jdbc:postgresql://db:5432/hub?user=hub_app&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/hub?user=hub_app&password=****&ssl=true");
    assertThat(ConnectionUrls.withoutSecrets("jdbc:postgresql://db/hub?sslpassword=k;PWD=x"))
        .isEqualTo("jdbc:postgresql://db/hub?sslpassword=****;PWD=****");
    assertThat(ConnectionUrls.withoutSecrets("tcp://hub:s3cret@broker:61616")).isEqualTo("tcp://hub:****@broker:61616");
  }

  @Test
  void theDatabaseIsNamedByItsPoolsUrlAndUser() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl("jdbc:postgresql://db.example:5432/lgsp_hub?password=s3cret");
      pool.setUsername("hub_app");
      pool.setPassword("s3cret");
      assertThat(ConnectionUrls.database(pool)).isEqualTo("jdbc:postgresql://db.example:5432/lgsp_hub?password=**** as hub_app")
          .doesNotContain("s3cret");
    }
  }

  @Test
  void theBrokerIsNamedByItsAddressesBehindSpringsCache() {
    try (ActiveMQConnectionFactory pair = new ActiveMQConnectionFactory(
        "(tcp://broker-a:61616,tcp://broker-b:61616)?ha=true&reconnectAttempts=-1&user=hub&password=s3cret")) {
      CachingConnectionFactory cached = new CachingConnectionFactory(pair);
      assertThat(ConnectionUrls.broker(cached)).isEqualTo("(tcp://broker-a:61616,tcp://broker-b:61616)?ha=true as hub");
    }
    try (ActiveMQConnectionFactory embedded = new ActiveMQConnectionFactory("vm://0")) {
      assertThat(ConnectionUrls.broker(embedded)).isEqualTo("vm://0");
    }
  }
}
