package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.ops.ApplyCommand;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The services of the files as data, on the running sandbox hub, without a restart: the files imported at
 * start are a version; a set of files applied as one change (first as a dry run, which shows the diff and
 * changes nothing) removes a route file's service and adds another's, live at once; sets that would break
 * the hub are refused whole with a stable type; a rollback puts the files back. Each change is a recorded
 * action with its reason, and the chain verifies.
 */
class ServiceFilesAsDataTest extends SandboxHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OBLIGATION = "/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002";
  private static final String LOOKUP = "/r1/VN/GOV/BTC/THUE/taxpayer-lookup/001085000002";

  private long original;
  private String hanoi;

  @BeforeEach
  void remember() {
    original = hub.admin("/admin/api/service-files/versions").json().get(0).get("version").asLong();
    hanoi = hub.token(HubClient.HANOI);
  }

  @AfterEach
  void putBack() {
    // the files as found, for the tests that share this hub
    if (hub.admin("/admin/api/service-files/versions").json().get(0).get("version").asLong() != original) {
      hub.adminPost("/admin/api/service-files/rollback", "{\"version\": " + original + ", \"reason\": \"test over\"}");
    }
  }

  @Test
  void aSetOfFilesAppliedAsOneChangeIsLiveAtOnceAndRollsBack() {
    JsonNode imported = hub.admin("/admin/api/service-files/versions/" + original).json();
    ObjectNode files = (ObjectNode) imported.get("files");
    assertThat(files.propertyNames()).contains("connectors/population-register.yaml", "connectors/population-register.wsdl",
        "routes/tax-obligation.yaml", "routes/citizen-profile.yaml");
    assertThat(hub.get(OBLIGATION).as(HubClient.HANOI, hanoi).send().status()).isEqualTo(200);

    ObjectNode changed = files.deepCopy();
    changed.remove("routes/tax-obligation.yaml");
    changed.put("routes/taxpayer-lookup.yaml", files.get("routes/taxpayer.yaml").asString()
        .replace("id: taxpayer", "id: taxpayer-lookup").replace("/THUE/taxpayer/", "/THUE/taxpayer-lookup/"));
    Response dryRun = hub.adminPost("/admin/api/service-files/apply", apply(changed, true, "check the diff"));
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.json().get("version").isNull()).isTrue();
    assertThat(changes(dryRun.json())).containsExactly("removed routes/tax-obligation.yaml", "added routes/taxpayer-lookup.yaml");
    assertThat(hub.get(LOOKUP).as(HubClient.HANOI, hanoi).send().status()).as("a dry run changes nothing").isEqualTo(404);

    Response applied = hub.adminPost("/admin/api/service-files/apply", apply(changed, false, "tax lookups renamed"));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    JsonNode version = applied.json().get("version");
    assertThat(version.get("version").asLong()).isEqualTo(original + 1);
    assertThat(version.get("previousVersion").asLong()).isEqualTo(original);
    assertThat(version.get("author").asString()).isEqualTo("operator");
    assertThat(problem(hub.get(OBLIGATION).as(HubClient.HANOI, hanoi).send())).as("its file removed")
        .isEqualTo("404 Client.UnknownService");
    assertThat(problem(hub.get(LOOKUP).as(HubClient.HANOI, hanoi).send())).as("its file added, no right to it yet")
        .isEqualTo("403 Client.AccessDenied");

    List<ObjectNode> bad = new ArrayList<>();
    bad.add(changed.deepCopy().put("routes/broken.yaml", "- route:\n    id: broken\n    from:\n      uri: platform-http:/r1/x\n"
        + "      steps:\n        - to: connector:nope/op\n"));
    bad.add(changed.deepCopy().put("routes/Bad Name.yaml", "[]"));
    bad.add(changed.deepCopy().put("connectors/tax-register.yaml", "id: tax-register\nprotocol: rest\n"));
    bad.add(changed.deepCopy().put("routes/again.yaml", files.get("routes/taxpayer.yaml").asString()));
    ObjectNode noWsdl = changed.deepCopy();
    noWsdl.remove("connectors/population-register.wsdl");
    bad.add(noWsdl);
    bad.add(changed.deepCopy().put("connectors/tax-register.yaml", files.get("connectors/tax-register.yaml").asString()
        .replace("tax-register", "${hub.not.a.setting}")));
    for (ObjectNode set : bad) {
      Response refused = hub.adminPost("/admin/api/service-files/apply", apply(set, false, "broken"));
      assertThat(problem(refused)).as(refused.body()).isEqualTo("400 Client.InvalidRequest");
      assertThat(refused.body()).doesNotContain("Exception", "/work/", "/tmp/", "baseUrl");
    }
    assertThat(hub.admin("/admin/api/service-files/versions").json().get(0).get("version").asLong())
        .as("nothing half-applied").isEqualTo(original + 1);

    Response back = hub.adminPost("/admin/api/service-files/rollback", "{\"version\": " + original + ", \"reason\": \"undo\"}");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().get("version").get("source").asString()).isEqualTo("rollback");
    assertThat(hub.get(OBLIGATION).as(HubClient.HANOI, hanoi).send().status()).isEqualTo(200);
    assertThat(problem(hub.get(LOOKUP).as(HubClient.HANOI, hanoi).send())).isEqualTo("404 Client.UnknownService");
    assertThat(hub.adminPost("/admin/api/service-files/rollback", "{\"version\": 99999, \"reason\": \"x\"}").status())
        .isEqualTo(404);

    List<String> actions = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      actions.clear();
      hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items")
          .forEach(r -> actions.add(r.get("action").asString() + " " + r.get("status").asInt()));
      return actions.contains("service-files.rollback 200");
    });
    assertThat(actions).contains("service-files.apply 200", "service-files.apply 400");
    assertThat(hub.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
  }

  /**
   * {@code java -jar lgsp-hub.jar apply-services}: a checkout's connectors/ and routes/, edited, applied as one
   * change after a dry run; without a directory the command does not run.
   */
  @Test
  void theCommandAppliesACheckoutsServiceFiles() throws Exception {
    Path checkout = TestDataDir.create("gitops-services");
    for (String directory : List.of("connectors", "routes")) {
      Files.createDirectories(checkout.resolve(directory));
      try (Stream<Path> files = Files.list(Path.of(directory))) {
        for (Path file : files.toList()) {
          Files.copy(file, checkout.resolve(directory).resolve(file.getFileName()));
        }
      }
    }
    Files.delete(checkout.resolve("routes/tax-obligation.yaml"));
    String hubAddress = "--hub=http://127.0.0.1:" + port;

    Run dryRun = run(hubAddress, "--reason=tax obligation moved", "--dry-run", checkout.toString());
    assertThat(dryRun.exit()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("removed routes/tax-obligation.yaml", "dry run: nothing changed (1 changes)");
    assertThat(hub.get(OBLIGATION).as(HubClient.HANOI, hanoi).send().status()).isEqualTo(200);

    Run applied = run(hubAddress, "--reason=tax obligation moved", checkout.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("service files version " + (original + 1));
    assertThat(problem(hub.get(OBLIGATION).as(HubClient.HANOI, hanoi).send())).isEqualTo("404 Client.UnknownService");

    Run noCheckout = run(hubAddress, "--reason=x", checkout.resolve("routes").toString());
    assertThat(noCheckout.exit()).isEqualTo(2);
    assertThat(noCheckout.err()).contains("no directory");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ApplyCommand.run(ApplyCommand.Target.SERVICES, args, Map.of("LGSP_HUB_OPERATOR_SECRET", "sandbox-operator"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String apply(ObjectNode files, boolean dryRun, String reason) {
    ObjectNode body = JSON.createObjectNode();
    body.put("reason", reason);
    body.put("dryRun", dryRun);
    body.set("files", files);
    return body.toString();
  }

  private static List<String> changes(JsonNode change) {
    List<String> diff = new ArrayList<>();
    change.get("diff").forEach(d -> diff.add(d.get("change").asString() + " " + d.get("file").asString()));
    return diff;
  }

  private static String problem(Response r) {
    return r.status() + " " + r.json().path("type").asString();
  }
}
