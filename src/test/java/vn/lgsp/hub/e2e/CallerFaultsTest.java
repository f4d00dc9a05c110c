package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.connectors.ResilienceFactory;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Caller faults never count against a register: one consumer's hostile inputs are refused before
 * the connector, the register's breaker counts none of them, and another consumer's lookups keep
 * answering throughout.
 */
class CallerFaultsTest extends SandboxHubTest {

  /** Dates and names that once failed inside the connector and opened the shared breaker. */
  private static final List<String> HOSTILE = List.of(
      "\"fullName\":\"Đỗ Công Sơn\",\"dateOfBirth\":\"+10000-01-01\"",
      "\"fullName\":\"Đỗ Công Sơn\",\"dateOfBirth\":\"99999-01-01\"",
      "\"fullName\":\"Đỗ Công Sơn\",\"dateOfBirth\":\"1985-02-30\"",
      "\"fullName\":\"Đỗ Công Sơn\",\"dateOfBirth\":\"0001-01-01\"",
      "\"fullName\":\"Đỗ Công Sơn\",\"dateOfBirth\":\"1985-9-12\"",
      "\"fullName\":\"Đỗ \\ud800 Sơn\",\"dateOfBirth\":\"1985-09-12\"",
      "\"fullName\":\"Đỗ \\udfff\",\"dateOfBirth\":\"1985-09-12\"",
      "\"fullName\":\"Đỗ \\ufffe Sơn\",\"dateOfBirth\":\"1985-09-12\"",
      "\"fullName\":\"\\ufdd0\",\"dateOfBirth\":\"1985-09-12\"",
      "\"fullName\":\"\\ue000 private\",\"dateOfBirth\":\"1985-09-12\"");

  @Autowired ResilienceFactory resilience;

  @Test
  void aThousandHostileRequestsFromOneConsumerLeaveAnothersLookupsAnswering() throws Exception {
    CircuitBreaker breaker = resilience.breakers().circuitBreaker("population-register");
    long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
    String hanoi = hub.token(HANOI);
    String hcmc = hub.token(HCMC);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Response>> hostile = new ArrayList<>();
      List<Future<Integer>> lookups = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        String body = "{\"personalId\":\"001085000123\"," + HOSTILE.get(i % HOSTILE.size()) + "}";
        hostile.add(pool.submit(() -> hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify", body).as(HANOI, hanoi).send()));
        if (i % 20 == 0) {
          lookups.add(pool.submit(() -> hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HCMC, hcmc)
              .send().status()));
        }
      }
      for (Future<Response> f : hostile) {
        Response r = f.get();
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("type").asText()).isEqualTo("Client.InvalidRequest");
      }
      for (Future<Integer> f : lookups) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
    assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HCMC, hcmc).send().status()).isEqualTo(200);
  }

  @Test
  void aGenuineVerificationStillPasses() {
    Response r = hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify",
        "{\"personalId\":\"001085000123\",\"fullName\":\"Đỗ Công Sơn\",\"dateOfBirth\":\"1985-09-12\"}")
        .as(HANOI, hub.token(HANOI)).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
