package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.audit.files.ExchangeLogArchive;
import vn.lgsp.hub.audit.verification.VerifyCommand;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Retention: old records move to a signed archive file and leave the database; verification spans
 * the archive and the database, and the chain continues across them.
 */
class RetentionTest extends SandboxHubTest {

  @Autowired ExchangeLogArchive archive;

  private String lookUp() {
    String messageId = UUID.randomUUID().toString();
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI))
        .header("X-Road-Id", messageId).send();
    assertThat(r.status()).isEqualTo(200);
    hub.awaitRecord(messageId);
    return messageId;
  }

  private JsonNode verify() {
    return hub.admin("/admin/api/exchange-log/verify").json();
  }

  @Test
  void oldRecordsAreArchivedPurgedAndStillVerified() throws Exception {
    String old = lookUp();
    await().atMost(Duration.ofSeconds(10)).until(() -> verify().get("unsealedRecords").asLong() == 0);

    assertThat(hub.adminPost("/admin/api/exchange-log/archive", "{\"olderThan\":\"PT0S\"}").status()).isEqualTo(400);
    Response archived = hub.adminPost("/admin/api/exchange-log/archive",
        "{\"olderThan\":\"PT0S\",\"reason\":\"retention drill\"}");
    assertThat(archived.status()).as(archived.body()).isEqualTo(200);
    assertThat(archived.json().get("archived").asBoolean()).isTrue();
    assertThat(archived.json().get("records").asLong()).isPositive();
    assertThat(hub.records(old)).as("purged from the database").isEmpty();

    String fresh = lookUp();
    JsonNode report = await().atMost(Duration.ofSeconds(10)).until(this::verify,
        v -> v.get("intact").asBoolean() && v.get("unsealedRecords").asLong() == 0);
    JsonNode parts = report.get("parts");
    assertThat(parts.get(parts.size() - 2).get("source").asString()).isEqualTo(archived.json().get("file").asString());
    assertThat(parts.get(parts.size() - 1).get("source").asString()).isEqualTo("database");
    assertThat(parts.get(parts.size() - 1).get("result").get("firstSeq").asLong())
        .isEqualTo(archived.json().get("lastSeq").asLong() + 1);
    assertThat(hub.records(fresh)).hasSize(1);

    Path file = archive.directory().resolve(archived.json().get("file").asString());
    String original = Files.readString(file);
    assertThat(original).contains(old);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // an auditor trusts the archive's certificate only by the fingerprint the operator publishes
    String fingerprint = "--fingerprint=sha256:" + hub.admin("/admin/api/exchange-log/status").json().get("sealKeyId").asString();
    assertThat(VerifyCommand.run(new String[] {fingerprint, file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).as(out.toString()).isZero();

    Files.writeString(file, original.replace("\"messageId\":\"" + old + "\"", "\"messageId\":\"" + UUID.randomUUID() + "\""));
    try {
      JsonNode broken = verify();
      assertThat(broken.get("intact").asBoolean()).isFalse();
      assertThat(broken.get("firstBadSource").asString()).isEqualTo(file.getFileName().toString());
      assertThat(broken.get("firstBad").get("problem").asString()).isEqualTo("altered");
    } finally {
      Files.writeString(file, original);
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();

    JsonNode trail = await().atMost(Duration.ofSeconds(10)).until(
        () -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items"),
        items -> items.findValuesAsString("reason").contains("retention drill"));
    assertThat(trail.findValuesAsString("action")).contains("exchange-log.archive");
  }
}
