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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The embedded default as an operator uses it: two hubs side by side on their own ports and data
 * directories, a data directory that only one hub may use, and records, the chain, a route's
 * suspension, a change of the service files and a service published at runtime that survive a
 * restart. The sandbox listens on loopback only, unless {@code server.address} says otherwise.
 */
class EmbeddedDefaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

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
  void twoHubsRunSideBySideOnLoopbackUnlessToldAndTheLogAndTheServicesSurviveARestart() throws Exception {
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
      withoutTaxObligationFile(a);
      publishTaxClearance(a);
    }
    try (ConfigurableApplicationContext again = start(dirA)) {
      HubClient a = client(again);
      assertThat(a.records(messageId)).hasSize(1);
      assertThat(a.admin("/admin/api/routes/household").json().get("state").asText())
          .as("maintenance survives a restart").isEqualTo("suspended");
      assertThat(problem(a.get(OBLIGATION).as(HANOI, a.token(HANOI)).send()))
          .as("the service files in the database, not those on disk, after a restart").isEqualTo("404 Client.UnknownService");
      assertThat(problem(a.get(CLEARANCE).as(HANOI, a.token(HANOI)).send()))
          .as("a service published at runtime is served after a restart").isEqualTo("403 Client.AccessDenied");
      assertThat(a.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
    }
  }

  private static final String OBLIGATION = "/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002";
  private static final String CLEARANCE = "/r1/VN/GOV/BTC/THUE/tax-clearance/v1/clearances/001085000002";

  /** The service files in force, less the tax obligation route's file, applied as a change. */
  private static void withoutTaxObligationFile(HubClient hub) {
    long newest = hub.admin("/admin/api/service-files/versions").json().get(0).get("version").asLong();
    ObjectNode files = (ObjectNode) hub.admin("/admin/api/service-files/versions/" + newest).json().get("files");
    files.remove("routes/tax-obligation.yaml");
    ObjectNode body = JSON.createObjectNode().put("reason", "tax obligation moved");
    body.set("files", files);
    assertThat(hub.adminPost("/admin/api/service-files/apply", body.toString()).status()).isEqualTo(200);
    assertThat(problem(hub.get(OBLIGATION).as(HANOI, hub.token(HANOI)).send())).isEqualTo("404 Client.UnknownService");
  }

  /** The finance ministry publishes its tax clearance service from its sandbox backend's OpenAPI document. */
  private static void publishTaxClearance(HubClient hub) throws Exception {
    ObjectNode submission = JSON.createObjectNode().put("provider", "VN/GOV/BTC/THUE").put("serviceCode", "tax-clearance")
        .put("version", "v1").put("openApi", hub.taxOpenApi()).put("backendUrl", hub.sandboxBackend("tax-register"));
    submission.putArray("operations").add("getTaxClearance");
    String ministry = hub.token(HubClient.FINANCE_ADMIN, "write:conf");
    String id = hub.post("/api/v1/services", submission.toString()).bearer(ministry).send().json().get("id").asString();
    assertThat(hub.post("/api/v1/services/" + id + "/submit", "{}").bearer(ministry).send().status()).isEqualTo(200);
    assertThat(hub.adminPost("/admin/api/services/" + id + "/approve", "{\"reason\": \"ok\"}").status()).isEqualTo(200);
    assertThat(problem(hub.get(CLEARANCE).as(HANOI, hub.token(HANOI)).send())).isEqualTo("403 Client.AccessDenied");
  }

  private static String problem(HubClient.Response r) {
    return r.status() + " " + r.json().path("type").asString();
  }
}
