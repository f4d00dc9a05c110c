package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RawHttp;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Slow and greedy clients: 300 connections, from one address or from many, announce a 100 kB body
 * and send a byte a second. The others' lookups and the readiness probe keep answering within a second, and each
 * slow connection is answered (429 or 408) and recorded.
 */
class SlowClientsTest extends SandboxHubTest {

  private static final int SLOW = 300;

  @Test
  void slowBodiesFromOneAddressNeitherDelayOthersNorReadiness() throws Exception {
    slowBodiesLeaveOthersAnswering(i -> "127.0.0.2");
  }

  /** Three slow bodies from each of 100 addresses: no address reaches its own bound, the total bound holds. */
  @Test
  void slowBodiesFromManyAddressesNeitherDelayOthersNorReadiness() throws Exception {
    slowBodiesLeaveOthersAnswering(i -> "127.0.1." + (1 + i % 100));
  }

  private void slowBodiesLeaveOthersAnswering(IntFunction<String> addressOf) throws Exception {
    long timeoutsBefore = hub.admin("/admin/api/exchanges?errorType=Client.RequestTimeout").json().get("total").asLong();
    List<Socket> sockets = new ArrayList<>();
    ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < SLOW; i++) {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(addressOf.apply(i), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("POST /r1/VN/GOV/BCA/DANCU/citizen-verify HTTP/1.1\r\nHost: hub\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100000\r\nX-Road-Client: " + HCMC + "\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII));
        sockets.add(socket);
      }
      drip.scheduleAtFixedRate(() -> sockets.forEach(s -> {
        try {
          OutputStream out = s.getOutputStream();
          out.write(' ');
          out.flush();
        } catch (IOException e) {
          // answered and closed by the hub: nothing more to send
        }
      }), 1, 1, TimeUnit.SECONDS);

      String token = hub.token(HCMC);
      long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
      int lookups = 0;
      while (System.nanoTime() < until) {
        long started = System.nanoTime();
        Response lookup = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HCMC, token).send();
        Response ready = hub.get("/actuator/health/readiness").send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(took).as("lookup and probe %d", lookups).isLessThan(Duration.ofSeconds(2));
        lookups++;
      }
      assertThat(lookups).isGreaterThan(5);
    } finally {
      drip.shutdownNow();
    }
    Map<Integer, Integer> answers = new TreeMap<>();
    for (Socket socket : sockets) {
      answers.merge(RawHttp.status(socket.getInputStream()), 1, Integer::sum);
      socket.close();
    }
    assertThat(answers.keySet()).as("%s", answers).isSubsetOf(408, 429);
    assertThat(answers.get(429)).as("%s", answers).isGreaterThan(SLOW / 2);
    assertThat(answers.get(408)).as("%s", answers).isPositive();
    // each record is in the broker before its answer left; the writer stores it in PostgreSQL moments later
    int timedOut = answers.get(408);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        hub.admin("/admin/api/exchanges?errorType=Client.RequestTimeout").json().get("total").asLong())
        .isGreaterThanOrEqualTo(timeoutsBefore + timedOut));
  }
}
