package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.support.SharedTestDatabase;

/** Two hubs on one database: a token revoked at one is refused by the other within 2 s, and by a hub that starts later. */
class SharedRevocationsTest {

  private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestDatabase.get());
  private final TokenRevocations a = new TokenRevocations(jdbc, Clock.systemUTC());
  private final TokenRevocations b = new TokenRevocations(jdbc, Clock.systemUTC());

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
  }

  @Test
  void aTokenRevokedOnOneHubIsRefusedByTheOtherWithinTwoSeconds() {
    a.start();
    b.start();
    String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0." + java.util.UUID.randomUUID().toString().replace("-", "");
    assertThat(b.isRevoked(token)).isFalse();
    a.revoke(token, "VN/GOV/UBND-HN/MOTCUA", Instant.now().plusSeconds(300));
    await().atMost(Duration.ofSeconds(2)).until(() -> b.isRevoked(token));

    TokenRevocations restarted = new TokenRevocations(jdbc, Clock.systemUTC());
    restarted.start();
    try {
      assertThat(restarted.isRevoked(token)).as("read before the hub takes traffic").isTrue();
    } finally {
      restarted.stop();
    }
  }
}
