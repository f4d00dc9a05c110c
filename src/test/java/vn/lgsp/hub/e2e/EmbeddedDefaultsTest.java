package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The embedded default as an operator uses it: two hubs side by side on their own ports and data
 * directories, a data directory that only one hub may use, and records, the chain and a route's
 * suspension that survive a restart. The sandbox listens on loopback only, unless {@code
 * server.address} says otherwise.
 */
class EmbeddedDefaultsTest {

  private static ConfigurableApplicationContext start(Path dataDir, String... more) {
    String[] args = Stream.concat(Stream.of("--server.port=0", "--hub.data-dir=" + dataDir), Stream.of(more))
        .toArray(String[]::new);
    return new SpringApplicationBuilder(LgspHubApplication.class).run(args);
  }

  /** The address the hub's Tomcat connector is bound to (null: every interface). */
  private static Object boundAddress(ConfigurableApplicationContext hub) {
    TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) hub).getWebServer();
    return server.getTomcat().getConnector().getProperty("address");
  }

  /** An IPv4 address of this machine other than loopback, if it has one: where a neighbour would connect. */
  private static Optional<InetAddress> networkAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  private static boolean accepts(InetAddress address, ConfigurableApplicationContext hub) {
    int port = hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static HubClient client(ConfigurableApplicationContext hub) {
    return new HubClient(hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  private static String lookUp(HubClient hub) {
    String messageId = UUID.randomUUID().toString();
    HubClient.Response r =
        hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123")
            .as(HANOI, hub.token(HANOI))
            .header("X-Road-Id", messageId)
            .send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId).size() == 1);
    return messageId;
  }

  @Test
  void twoHubsRunSideBySideOnLoopbackUnlessToldAndTheLogSurvivesARestart() throws Exception {
    Path dirA = TestDataDir.create("hub-a");
    Path dirB = TestDataDir.create("hub-b");
    String messageId;
    try (ConfigurableApplicationContext hubA = start(dirA);
        ConfigurableApplicationContext hubB = start(dirB, "--server.address=0.0.0.0")) {
      assertThat(boundAddress(hubA)).hasToString("/127.0.0.1");
      assertThat(boundAddress(hubB)).as("server.address overrides the sandbox's loopback")
          .hasToString("/0.0.0.0");
      Optional<InetAddress> network = networkAddress();
      if (network.isPresent()) {
        assertThat(accepts(network.get(), hubA)).as("the sandbox is not reachable at %s", network.get()).isFalse();
        assertThat(accepts(network.get(), hubB)).as("told to, it is reachable at %s", network.get()).isTrue();
      }
      HubClient a = client(hubA);
      HubClient b = client(hubB);
      messageId = lookUp(a);
      String onB = lookUp(b);
      assertThat(b.records(messageId)).isEmpty();
      assertThat(a.records(onB)).isEmpty();

      assertThatThrownBy(() -> start(dirA))
          .rootCause()
          .hasMessageContaining("in use by another hub");
      assertThat(a.adminPost("/admin/api/routes/household/suspend", "{\"reason\":\"kept over a restart\"}").status())
          .isEqualTo(200);
    }
    try (ConfigurableApplicationContext again = start(dirA)) {
      HubClient a = client(again);
      assertThat(a.records(messageId)).hasSize(1);
      assertThat(a.admin("/admin/api/routes/household").json().get("state").asText())
          .as("maintenance survives a restart").isEqualTo("suspended");
      assertThat(a.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
    }
  }
}
