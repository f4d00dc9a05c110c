package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;

/**
 * The self-service APIs under 100 concurrent callers: 100 access requests filed at once by two provinces (each
 * also reading its rights), then all 100 granted at once by the ministry (a client holds one right to a service:
 * each grant replaces the one before, whose request then reads revoked, superseded), then all 100 revoked at
 * once (the two standing are, the others are conflicts). Every grant and revocation is its own version of the
 * rights (none lost under the lock that orders them), the rights end as they began, and every action has its
 * record.
 */
class SelfServiceUnderLoadTest extends RightsChangingHubTest {

  private static final String SERVICE = "VN/GOV/BTC/THUE/taxpayer";
  private static final int CALLERS = 100;

  @Test
  void oneHundredRequestsGrantsAndRevocationsAtOnce() throws Exception {
    Instant started = Instant.now();
    String daNang = hub.token(HubClient.DA_NANG);
    String hcmc = hub.token(HubClient.HCMC);
    String finance = hub.token(HubClient.FINANCE_ADMIN, "write:rights");
    long versionBefore = hub.rightsVersion();

    List<String> ids = new ArrayList<>();
    for (Response filed : atOnce(i -> {
      String token = i % 2 == 0 ? daNang : hcmc;
      Response mine = hub.get("/api/v1/my-rights").bearer(token).send();
      assertThat(mine.status()).as(mine.body()).isEqualTo(200);
      return hub.post("/api/v1/access-requests", "{\"service\": \"" + SERVICE + "\", \"purpose\": \"hồ sơ số " + i
          + "\", \"legalBasis\": {\"document\": \"47/2020/NĐ-CP\", \"article\": \"Điều 14\"}, \"validUntil\": \""
          + LocalDate.now().plusDays(30) + "\"}").bearer(token).send();
    })) {
      assertThat(filed.status()).as(filed.body()).isEqualTo(201);
      ids.add(filed.json().get("id").asString());
    }
    assertThat(new HashSet<>(ids)).hasSize(CALLERS);

    for (Response granted : atOnce(i -> hub.post("/api/v1/access-requests/" + ids.get(i) + "/grant", "{}").bearer(finance)
        .send())) {
      assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    }
    assertThat(hub.rightsVersion()).as("one version per grant, none lost").isEqualTo(versionBefore + CALLERS);
    assertThat(hub.get("/r1/" + SERVICE + "/001085000002").as(HubClient.DA_NANG, daNang).send().status()).isEqualTo(200);
    // one right per client and service: each grant replaced the one before it, whose request no longer reads granted
    List<String> granted = new ArrayList<>();
    for (String token : List.of(daNang, hcmc)) {
      hub.get("/api/v1/access-requests?state=granted").bearer(token).send().json().forEach(r -> {
        if (ids.contains(r.get("id").asString())) {
          granted.add(r.get("id").asString());
        }
      });
    }
    assertThat(granted).as("the last grant of each province stands").hasSize(2);

    List<Integer> revocations = new ArrayList<>();
    atOnce(i -> hub.post("/api/v1/access-requests/" + ids.get(i) + "/revoke", "{\"reason\": \"xong\"}").bearer(finance)
        .send()).forEach(r -> revocations.add(r.status()));
    assertThat(revocations.stream().filter(status -> status == 200)).as("the rights standing").hasSize(2);
    assertThat(revocations.stream().filter(status -> status == 409)).as("those superseded").hasSize(CALLERS - 2);
    assertThat(hub.rightsVersion()).isEqualTo(versionBefore + CALLERS + 2);
    assertThat(hub.get("/r1/" + SERVICE + "/001085000002").as(HubClient.DA_NANG, daNang).send().status())
        .as("every right revoked").isEqualTo(403);

    String records = "/admin/api/exchanges?kind=admin&service=" + SERVICE + "&from="
        + URLEncoder.encode(started.toString(), StandardCharsets.UTF_8) + "&size=1&status=";
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.admin(records + "201").json().get("total").asLong() == CALLERS
        && hub.admin(records + "200").json().get("total").asLong() == CALLERS + 2
        && hub.admin(records + "409").json().get("total").asLong() == CALLERS - 2);
  }

  /** Sends {@code CALLERS} calls at once, call {@code i} made by {@code call}, and returns their answers in order. */
  private static List<Response> atOnce(Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        int index = i;
        Callable<Response> task = () -> {
          start.await();
          return call.make(index);
        };
        answers.add(pool.submit(task));
      }
      start.countDown();
      List<Response> result = new ArrayList<>();
      for (Future<Response> answer : answers) {
        result.add(answer.get(60, TimeUnit.SECONDS));
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Call {
    Response make(int index) throws Exception;
  }
}
