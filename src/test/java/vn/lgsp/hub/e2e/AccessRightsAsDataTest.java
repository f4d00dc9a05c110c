package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;

/**
 * The rights live in the database as versions: imported from config/access-rights.yaml at first start;
 * the same file, edited, applied through the admin API as one change (a dry run shows the diff and
 * changes nothing); in force on the next request; rolled back to an earlier version; a broken file
 * refused with its name and nothing applied.
 */
class AccessRightsAsDataTest extends RightsChangingHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERIFY = "/r1/VN/GOV/BCA/DANCU/citizen-verify";
  private static final String DA_NANG_VERIFY = "          - service: VN/GOV/BCA/DANCU/citizen-verify\n";

  @Test
  void aFileAppliedAsOneChangeThenRolledBack() throws IOException {
    JsonNode first = hub.admin("/admin/api/access-rights").json();
    long imported = first.get("version").asLong();
    assertThat(imported).as("imported at first start").isPositive();
    assertThat(first.get("rights").toString()).contains("VN/GOV/UBND-DN/MOTCUA", "covertUntil");
    JsonNode history = hub.admin("/admin/api/access-rights/versions").json();
    assertThat(history.get(history.size() - 1).get("source").asString()).isEqualTo("configuration");

    String file = Files.readString(Path.of("config/access-rights.yaml"));
    int daNang = file.indexOf("- client: VN/GOV/UBND-DN/MOTCUA");
    int at = file.indexOf(DA_NANG_VERIFY, daNang);
    assertThat(at).as("Da Nang's right to citizen-verify in the file").isPositive();
    String withoutVerify = file.substring(0, at) + file.substring(at + DA_NANG_VERIFY.length());

    Response dryRun = hub.adminPost("/admin/api/access-rights/apply", apply(withoutVerify, true, "check the diff"));
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.json().get("version").isNull()).as("a dry run makes no version").isTrue();
    JsonNode diff = dryRun.json().get("diff");
    assertThat(diff.size()).as(diff.toString()).isEqualTo(1);
    assertThat(diff.get(0).get("change").asString()).isEqualTo("removed");
    assertThat(diff.get(0).get("client").asString()).isEqualTo(HubClient.DA_NANG);
    assertThat(diff.get(0).get("service").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-verify");
    assertThat(verify().status()).as("the dry run changed nothing").isEqualTo(200);

    Response applied = hub.adminPost("/admin/api/access-rights/apply", apply(withoutVerify, false, "Da Nang: verification moved"));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    long changed = applied.json().get("version").get("version").asLong();
    assertThat(changed).isGreaterThan(imported);
    assertThat(applied.json().get("version").get("author").asString()).isEqualTo("operator");
    assertThat(verify().json().path("type").asString()).as("in force on the next request").isEqualTo("Client.AccessDenied");

    JsonNode version = hub.admin("/admin/api/access-rights/versions/" + changed).json();
    assertThat(version.get("version").get("previousVersion").asLong()).isEqualTo(changed - 1);
    assertThat(version.get("changes").size()).isEqualTo(1);

    Response broken = hub.adminPost("/admin/api/access-rights/apply",
        apply(withoutVerify.replace("service-limits:", "service-limits: [oops"), false, "broken"));
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("detail").asString()).contains("access-rights.yaml");
    Response badId = hub.adminPost("/admin/api/access-rights/apply",
        apply(withoutVerify.replace("client: VN/GOV/UBND-DN/MOTCUA", "client: Da Nang"), false, "bad id"));
    assertThat(badId.status()).as(badId.body()).isEqualTo(400);
    assertThat(hub.admin("/admin/api/access-rights").json().get("version").asLong()).as("nothing applied").isEqualTo(changed);

    Response rolledBack = hub.adminPost("/admin/api/access-rights/rollback",
        "{\"version\": " + (changed - 1) + ", \"reason\": \"verification stays for now\"}");
    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(rolledBack.json().get("version").get("source").asString()).isEqualTo("rollback");
    assertThat(verify().status()).as("the right is back").isEqualTo(200);
    assertThat(hub.adminPost("/admin/api/access-rights/rollback", "{\"version\": 999999, \"reason\": \"x\"}").status())
        .isEqualTo(404);
    assertThat(hub.adminPost("/admin/api/access-rights/rollback", "{\"version\": 1}").status()).as("no reason")
        .isEqualTo(400);
  }

  private Response verify() {
    String body = "{\"personalId\": \"001085000123\", \"fullName\": \"Nguyễn Văn An\", \"dateOfBirth\": \"1985-03-12\"}";
    return hub.post(VERIFY, body).as(HubClient.DA_NANG, hub.token(HubClient.DA_NANG)).send();
  }

  private static String apply(String file, boolean dryRun, String reason) {
    ObjectNode body = JSON.createObjectNode();
    body.put("reason", reason);
    body.put("dryRun", dryRun);
    body.putObject("files").put("access-rights.yaml", file);
    return body.toString();
  }
}
