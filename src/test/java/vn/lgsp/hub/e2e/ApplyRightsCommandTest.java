package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.ops.ApplyCommand;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.RightsChangingHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * {@code java -jar lgsp-hub.jar apply-access-rights}: the config directory, edited, applied to a running
 * hub as one change; a dry run first shows the diff; a broken file is refused with its name and changes
 * nothing; without the operator's secret in the environment the command does not run.
 */
class ApplyRightsCommandTest extends RightsChangingHubTest {

  private static final Map<String, String> SECRET = Map.of("LGSP_HUB_OPERATOR_SECRET", "sandbox-operator");

  private record Run(int exit, String out, String err) {}

  private static Run run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ApplyCommand.run(ApplyCommand.Target.RIGHTS, args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theConfigDirectoryAppliedAsOneChangeAfterADryRun() throws Exception {
    Path config = TestDataDir.create("gitops");
    String rights = Files.readString(Path.of("config/access-rights.yaml"));
    String hcmc = "      - client: VN/GOV/UBND-HCM/MOTCUA\n        services:\n";
    String withHouseholdForHcmc = rights.replace(hcmc, hcmc + "          - service: VN/GOV/BCA/DANCU/household\n");
    assertThat(withHouseholdForHcmc).isNotEqualTo(rights);
    Files.writeString(config.resolve("access-rights.yaml"), withHouseholdForHcmc);
    Files.writeString(config.resolve("application.yaml"), "hub:\n  engine:\n    max-body-bytes: 1024\n");
    String hub = "--hub=http://127.0.0.1:" + port;
    long before = hub().admin("/admin/api/access-rights").json().get("version").asLong();

    Run dryRun = run(SECRET, hub, "--reason=HCMC household for the resettlement programme", "--dry-run",
        config.toString());
    assertThat(dryRun.exit()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("added VN/GOV/UBND-HCM/MOTCUA VN/GOV/BCA/DANCU/household", "dry run: nothing changed");
    assertThat(hub().admin("/admin/api/access-rights").json().get("version").asLong()).isEqualTo(before);

    Run applied = run(SECRET, hub, "--reason=HCMC household for the resettlement programme", config.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("access rights version " + (before + 1));
    assertThat(hub().get("/r1/VN/GOV/BCA/DANCU/household/001085000123")
        .as(HubClient.HCMC, hub().token(HubClient.HCMC)).send().status()).isEqualTo(200);

    Files.writeString(config.resolve("access-rights.yaml"), withHouseholdForHcmc.replace("grants:", "grants: [oops"));
    Run refused = run(SECRET, hub, "--reason=broken", config.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("400 Client.InvalidRequest", "access-rights.yaml");
    assertThat(hub().admin("/admin/api/access-rights").json().get("version").asLong()).isEqualTo(before + 1);

    Run withoutSecret = run(Map.of(), hub, "--reason=x", config.toString());
    assertThat(withoutSecret.exit()).isEqualTo(2);
    assertThat(withoutSecret.err()).contains("LGSP_HUB_OPERATOR_SECRET is not set");
    Run wrongSecret = run(Map.of("LGSP_HUB_OPERATOR_SECRET", "guess"), hub, "--reason=x", config.toString());
    assertThat(wrongSecret.exit()).isEqualTo(1);
    assertThat(wrongSecret.err()).contains("401");
  }

  private HubClient hub() {
    return hub;
  }
}
