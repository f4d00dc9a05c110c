package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.security.TokenRevocations;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/** RFC 7009 revocation: by the token's own client only, effective at the next request, on every hub. */
class TokenRevocationEndToEndTest extends SandboxHubTest {

  private static final String CITIZEN_INFO = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";

  @Autowired JdbcTemplate jdbc;

  private Response revoke(String clientId, String token) {
    String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + HubClient.SANDBOX_SECRET;
    return hub.post("/oauth2/revoke", "token=" + token + "&token_type_hint=access_token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .send();
  }

  private int lookUp(String token) {
    return hub.get(CITIZEN_INFO).as(HANOI, token).header("X-Road-Issue", "HS-REVOKE").send().status();
  }

  @Test
  void aRevokedTokenIsRefusedAtTheNextRequestAndOnAnotherHub() {
    String token = hub.token(HANOI);
    assertThat(lookUp(token)).isEqualTo(200);

    // another client cannot revoke it
    Response foreign = revoke(HCMC, token);
    assertThat(foreign.status()).as(foreign.body()).isIn(400, 401);
    assertThat(lookUp(token)).as("still valid after another client's attempt").isEqualTo(200);

    // a second hub on the same database, before the revocation: it accepts the token
    TokenRevocations otherHub = new TokenRevocations(jdbc, Clock.systemUTC());
    otherHub.start();
    try {
      assertThat(otherHub.isRevoked(token)).isFalse();

      Response own = revoke(HANOI, token);
      assertThat(own.status()).as(own.body()).isEqualTo(200);
      Response refused = hub.get(CITIZEN_INFO).as(HANOI, token).header("X-Road-Issue", "HS-REVOKE").send();
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().get("type").asText()).isEqualTo("Client.Unauthenticated");

      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> otherHub.isRevoked(token));
    } finally {
      otherHub.stop();
    }
    // the same token spelled otherwise (the last base64url character's unused bits) is refused too
    String respelled = respell(token);
    assertThat(respelled).isNotEqualTo(token);
    assertThat(lookUp(respelled)).isEqualTo(401);
    // a new token of the same client works; only a hash is kept, never the token
    assertThat(lookUp(hub.token(HANOI))).isEqualTo(200);
    List<String> stored = jdbc.queryForList("SELECT token_hash FROM revoked_token WHERE client_id = ?", String.class, HANOI);
    assertThat(stored).isNotEmpty().allMatch(h -> h.matches("[0-9a-f]{64}")).noneMatch(token::contains);
  }

  /** The token with the unused low bits of its last signature character flipped. */
  private static String respell(String token) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = token.charAt(token.length() - 1);
    return token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
  }
}
