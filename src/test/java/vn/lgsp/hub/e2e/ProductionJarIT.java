package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.ExternalPostgres;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The production jar as the README's "Production jar" section builds and runs it: {@code java -jar
 * target/lgsp-hub-production.jar --spring.profiles.active=prod} in a process of its own, from the
 * repository root, with its secrets in the environment, an external PostgreSQL (started here),
 * and every {@code hub.endpoints.*} pointing at a port nobody listens on. It becomes ready, refuses a
 * lookup without a token with 401 problem+json, and carries no sandbox: no register switches, no
 * sandbox credentials. An integration test (failsafe): the jar exists only after {@code package}.
 */
class ProductionJarIT {

  static final Path PRODUCTION_JAR = Path.of("target", "lgsp-hub-production.jar");
  static final Path QUICK_START_JAR = Path.of("target", "lgsp-hub.jar");
  static final String SANDBOX_CLASSES = "BOOT-INF/classes/vn/lgsp/hub/sandbox/";
  static final String HANOI = HubClient.HANOI;
  static final String CITIZEN_INFO = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";
  static final Pattern ENDPOINT = Pattern.compile("\\$\\{hub\\.endpoints\\.([A-Za-z0-9._-]+)}");

  private final String clientSecret = UUID.randomUUID().toString();
  private final String operatorSecret = UUID.randomUUID().toString();
  private EmbeddedPostgres postgres;
  private Process hub;

  @AfterEach
  void stopEverything() throws IOException {
    if (hub != null && hub.isAlive()) {
      hub.destroyForcibly();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theProductionJarHoldsNoSandboxAndNeitherJarHoldsJetty() throws IOException {
    List<String> production = entries(PRODUCTION_JAR);
    List<String> quickStart = entries(QUICK_START_JAR);

    assertThat(production).as("the hub itself").contains("BOOT-INF/classes/vn/lgsp/hub/LgspHubApplication.class");
    assertThat(production).filteredOn(e -> e.startsWith(SANDBOX_CLASSES)).isEmpty();
    assertThat(quickStart).as("the quick start keeps the sandbox").anyMatch(e -> e.startsWith(SANDBOX_CLASSES));
    for (List<String> jar : List.of(production, quickStart)) {
      assertThat(jar).as("the hub's own Tomcat").anyMatch(e -> e.startsWith("BOOT-INF/lib/tomcat-embed-core-"));
      assertThat(jar).filteredOn(e -> e.startsWith("BOOT-INF/lib/") && e.toLowerCase().contains("jetty")).isEmpty();
    }
  }

  @Test
  void theProductionJarStartsWithProductionSettingsAndHasNoSandbox() throws Exception {
    Path folder = TestDataDir.create("production-jar");
    postgres = ExternalPostgres.start(folder.resolve("postgres"), FreePort.pick());
    int port = FreePort.pick();
    Path log = folder.resolve("hub.log");
    hub = start(folder, port, log);
    HubClient client = new HubClient(port);

    // 20-30 s on two idle cores; more on a machine busy with other builds
    await("the production hub ready (log: " + log + ")").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
        .failFast("the production hub stopped while starting; see " + log, () -> !hub.isAlive())
        .untilAsserted(() -> assertThat(readiness(client)).isEqualTo(200));

    Response anonymous = client.get(CITIZEN_INFO).header("X-Road-Client", HANOI).send();
    assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);

    // the sandbox's credentials are not the hub's; the production ones are (so the refusal is not a broken endpoint)
    assertThat(token(client, HubClient.SANDBOX_SECRET).status()).isEqualTo(401);
    Response issued = token(client, clientSecret);
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    String token = issued.json().get("access_token").asString();
    Response lookup = client.get(CITIZEN_INFO).as(HANOI, token).send();
    assertThat(lookup.json().get("type").asString()).as("the register nobody serves").isEqualTo("Server.Provider.Unavailable");

    // no register switches: the operator's API is there, the sandbox's part of it is not
    assertThat(client.get("/admin/api/routes").header("Authorization", basic("operator", operatorSecret)).send().status())
        .isEqualTo(200);
    Response switches = client.get("/admin/api/sandbox/backends").header("Authorization", basic("operator", operatorSecret)).send();
    assertThat(switches.status()).as(switches.body()).isEqualTo(404);
    assertThat(client.get("/admin/api/routes").header("Authorization", basic("operator", "sandbox-operator")).send().status())
        .isEqualTo(401);

    hub.destroy();
    assertThat(hub.waitFor(30, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();
    assertThat(hub.exitValue()).as("stopped by its shutdown hooks, not killed").isEqualTo(143);
  }

  /** As the README runs it, with the secrets in the environment and the backends' addresses on the command line. */
  private Process start(Path folder, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        // Tomcat's and the broker's temporary files under target/, as the tests' own
        "-Djava.io.tmpdir=" + folder,
        "-jar", PRODUCTION_JAR.toAbsolutePath().toString(),
        "--spring.profiles.active=prod",
        "--server.port=" + port,
        "--hub.data-dir=" + folder.resolve("data"),
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
        "--spring.datasource.username=postgres",
        "--hub.security.issuer=https://hub.example"));
    int nobody = FreePort.pick();
    for (String connector : endpointsTheConnectorsName()) {
      command.add("--hub.endpoints." + connector + "=http://127.0.0.1:" + nobody + "/" + connector);
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPRING_DATASOURCE_PASSWORD", "not-needed-by-the-test-database");
    env.put("HUB_AUDIT_SUBJECTHASHKEY", UUID.randomUUID().toString());
    env.put("HUB_AUDIT_SEAL_KEYSTOREPASSWORD", UUID.randomUUID().toString());
    env.put("HUB_SECRETS_VCBSIGNINGKEY", UUID.randomUUID().toString());
    // the bank's answer-signing certificate, which production must be given (any EC P-256 certificate here)
    env.put("HUB_CONNECTORS_VCBACCOUNTS_ANSWERCERTIFICATE", Files.readString(
        Path.of("docs/evidence-test-vectors/other-certificate.pem")).replaceAll("-----[A-Z ]+-----|\\s", ""));
    env.put("HUB_SECURITY_CLIENTS_0_ID", HANOI);
    env.put("HUB_SECURITY_CLIENTS_0_SECRET", clientSecret);
    env.put("HUB_SECURITY_OPERATORS_0_ID", "operator");
    env.put("HUB_SECURITY_OPERATORS_0_SECRET", operatorSecret);
    return builder.start();
  }

  /** Every {@code hub.endpoints.<name>} the descriptors in connectors/ use: all must be given, or the hub stops. */
  private static TreeSet<String> endpointsTheConnectorsName() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("connectors"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Matcher m = ENDPOINT.matcher(Files.readString(file));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    assertThat(names).as("the descriptors' endpoints").isNotEmpty();
    return names;
  }

  private static int readiness(HubClient client) {
    try {
      return client.get("/actuator/health/readiness").send().status();
    } catch (IllegalStateException notListeningYet) {
      return -1;
    }
  }

  private static Response token(HubClient client, String secret) {
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(HANOI, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return client.post("/oauth2/token", null).header("Content-Type", "application/x-www-form-urlencoded").withBody(form).send();
  }

  private static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> entries(Path jar) throws IOException {
    assertThat(jar).as("built by package").exists();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }
}
