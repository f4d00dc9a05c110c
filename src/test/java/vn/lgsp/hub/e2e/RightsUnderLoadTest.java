package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;
import vn.lgsp.hub.support.TestIds;

/**
 * A right changed under 100 concurrent callers (Ho Chi Minh City, which has no request limits): twenty
 * administrators granting one request at once and one version; while 100 callers call, the revocation cuts cleanly (every call answered
 * before it began is 200, every call begun after it returned is 403, nothing else), and every answer has
 * its stored record, the refused ones with the purpose they stated.
 */
class RightsUnderLoadTest extends RightsChangingHubTest {

  private static final String SERVICE = "VN/GOV/BTC/THUE/taxpayer";
  private static final int CALLERS = 100;

  private record Call(String messageId, long sentAt, long answeredAt, int status) {}

  @Test
  void oneGrantOfManyThenARevocationCutsCleanlyUnderLoad() throws Exception {
    String hcmc = hub.token(HubClient.HCMC);
    String finance = hub.token(HubClient.FINANCE_ADMIN, "write:rights");
    String request = hub.post("/api/v1/access-requests", "{\"service\": \"" + SERVICE + "\", \"purpose\": \"tải\","
        + " \"legalBasis\": {\"document\": \"47/2020/NĐ-CP\", \"article\": \"Điều 14\"}, \"validUntil\": \""
        + LocalDate.now().plusDays(30) + "\"}").bearer(hcmc).send().json().get("id").asString();
    long versionBefore = hub.admin("/admin/api/access-rights").json().get("version").asLong();

    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> grants = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        grants.add(pool.submit(() -> {
          start.await();
          return hub.post("/api/v1/access-requests/" + request + "/grant", "{}").bearer(finance).send().status();
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> grant : grants) {
        statuses.add(grant.get(30, TimeUnit.SECONDS));
      }
      assertThat(statuses.stream().filter(s -> s == 200)).as(statuses.toString()).hasSize(1);
      assertThat(statuses.stream().filter(s -> s == 409)).as(statuses.toString()).hasSize(19);
      assertThat(hub.admin("/admin/api/access-rights").json().get("version").asLong()).as("one version")
          .isEqualTo(versionBefore + 1);

      String purpose = TestIds.unique("RIGHTS-LOAD");
      ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Future<?>> callers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        int caller = i;
        callers.add(pool.submit(() -> {
          for (int n = 0; running.get(); n++) {
            String messageId = purpose + "-" + caller + "-" + n;
            long sent = System.nanoTime();
            Response r = hub.get("/r1/" + SERVICE + "/001085000002").bearer(hcmc)
                .header("X-Road-Client", HubClient.HCMC).header("X-Road-Issue", purpose).header("X-Road-Id", messageId)
                .send();
            calls.add(new Call(messageId, sent, System.nanoTime(), r.status()));
          }
          return null;
        }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.stream().filter(c -> c.status() == 200).count() >= 300);
      long revokeStarted = System.nanoTime();
      Response revoked = hub.post("/api/v1/access-requests/" + request + "/revoke", "{\"reason\": \"thử tải\"}")
          .bearer(finance).send();
      long revokeReturned = System.nanoTime();
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.stream().filter(c -> c.sentAt() > revokeReturned).count() >= 300);
      running.set(false);
      for (Future<?> caller : callers) {
        caller.get(30, TimeUnit.SECONDS);
      }

      Map<Integer, Long> byStatus = calls.stream().collect(Collectors.groupingBy(Call::status, Collectors.counting()));
      assertThat(byStatus.keySet()).as(byStatus.toString()).containsOnly(200, 403);
      assertThat(calls.stream().filter(c -> c.answeredAt() < revokeStarted)).as("before the revocation")
          .allMatch(c -> c.status() == 200);
      assertThat(calls.stream().filter(c -> c.sentAt() > revokeReturned)).as("after the revocation")
          .isNotEmpty().allMatch(c -> c.status() == 403);
      System.out.printf("rights under load: %d callers, %s, %d calls in flight while the revocation was made%n",
          CALLERS, byStatus, calls.stream().filter(c -> c.sentAt() < revokeReturned && c.answeredAt() > revokeStarted)
              .count());

      Map<String, Integer> stored = new java.util.HashMap<>();
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          stored.clear();
          stored.putAll(hub.recordCountsByMessageId(purpose));
          return stored.size() >= calls.size();
        });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // say which answers have no record, briefly, rather than the whole map
      }
      List<Call> unrecorded = calls.stream().filter(c -> !stored.containsKey(c.messageId())).toList();
      assertThat(unrecorded).as("answers without a record: %d of %d, by status %s", unrecorded.size(), calls.size(),
          unrecorded.stream().collect(Collectors.groupingBy(Call::status, Collectors.counting()))).isEmpty();
      assertThat(stored.size()).as("no record of a call not made").isEqualTo(calls.size());
      assertThat(stored.values()).as("once").containsOnly(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
