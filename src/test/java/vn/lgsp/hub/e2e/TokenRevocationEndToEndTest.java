package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import tools.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    return revoke(clientId, token, UUID.randomUUID().toString());
  }

  private Response revoke(String clientId, String token, String messageId) {
    return hub.post("/oauth2/revoke", "token=" + token + "&token_type_hint=access_token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", basic(clientId))
        .header("X-Road-Id", messageId)
        .send();
  }

  private static String basic(String clientId) {
    String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + HubClient.SANDBOX_SECRET;
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
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
      assertThat(refused.json().get("type").asString()).isEqualTo("Client.Unauthenticated");

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

  @Test
  void everyAnswerOfTheTokenServerIsOnRecord() {
    String granted = UUID.randomUUID().toString();
    Response tokenAnswer = hub.post("/oauth2/token", "grant_type=client_credentials")
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic(HANOI))
        .header("X-Road-Id", granted).send();
    assertThat(tokenAnswer.status()).as(tokenAnswer.body()).isEqualTo(200);
    String token = tokenAnswer.json().get("access_token").asString();

    String foreign = UUID.randomUUID().toString();
    int foreignStatus = revoke(HCMC, token, foreign).status();
    String own = UUID.randomUUID().toString();
    assertThat(revoke(HANOI, token, own).status()).isEqualTo(200);
    String anonymous = UUID.randomUUID().toString();
    Response noCredentials = hub.post("/oauth2/revoke", "token=" + token)
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Road-Id", anonymous).send();
    assertThat(noCredentials.status()).as("%s", noCredentials.body()).isIn(400, 401);

    JsonNode grant = hub.awaitRecord(granted);
    assertThat(grant.get("clientId").asString()).isEqualTo(HANOI);
    assertThat(grant.get("status").asInt()).isEqualTo(200);
    assertThat(grant.toString()).doesNotContain(HubClient.SANDBOX_SECRET).doesNotContain(token);
    JsonNode refused = hub.awaitRecord(foreign);
    assertThat(refused.get("claimedClientId").asString()).isEqualTo(HCMC);
    assertThat(refused.get("status").asInt()).isEqualTo(foreignStatus).isGreaterThanOrEqualTo(400);
    assertThat(refused.get("errorType").asString()).startsWith("Client.");
    JsonNode revoked = hub.awaitRecord(own);
    assertThat(revoked.get("clientId").asString()).isEqualTo(HANOI);
    assertThat(revoked.get("path").asString()).isEqualTo("/oauth2/revoke");
    assertThat(revoked.toString()).doesNotContain(token);
    JsonNode unauthenticated = hub.awaitRecord(anonymous);
    assertThat(unauthenticated.get("status").asInt()).isEqualTo(noCredentials.status());
    assertThat(unauthenticated.get("errorType").asString()).startsWith("Client.");
    assertThat(unauthenticated.has("clientId")).isFalse();
    // one answer, one record: awaitRecord found exactly one for each id
  }

  @Test
  void revocationsByAHundredConcurrentClientsTakeEffectEachForItsOwnTokenOnly() throws Exception {
    int callers = 100;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      tokens.add(hub.token(HANOI));
    }
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      // half revoke their token while the other half use theirs, all at once
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String token = tokens.get(i);
        answers.add(pool.submit(i % 2 == 0 ? () -> revoke(HANOI, token).status() : () -> lookUp(token)));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
      List<Future<Integer>> after = new ArrayList<>();
      for (String token : tokens) {
        after.add(pool.submit(() -> lookUp(token)));
      }
      for (int i = 0; i < callers; i++) {
        assertThat(after.get(i).get()).as("token %d", i).isEqualTo(i % 2 == 0 ? 401 : 200);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
