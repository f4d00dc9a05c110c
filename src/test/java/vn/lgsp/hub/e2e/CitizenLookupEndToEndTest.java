package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.DA_NANG;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.sandbox.population.PopulationRegisterSandbox;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The walking skeleton through the real HTTP port: token from the hub, X-Road REST call, the
 * sandbox SOAP register behind it, and the exchange record in the log, for a success and for
 * each class of error.
 */
@ExtendWith(OutputCaptureExtension.class)
class CitizenLookupEndToEndTest extends SandboxHubTest {

  static final String CITIZEN = "001085000123";
  static final String CITIZEN_INFO = "/r1/VN/GOV/BCA/DANCU/citizen-info/";

  @Autowired PopulationRegisterSandbox populationRegister;

  @Autowired SubjectHasher subjectHasher;

  @Test
  void hanoiLooksUpACitizenAndTheExchangeIsLogged(CapturedOutput output) {
    String token = hub.token(HANOI);
    String messageId = UUID.randomUUID().toString();

    Response r =
        hub.get(CITIZEN_INFO + CITIZEN)
            .as(HANOI, token)
            .header("X-Road-Id", messageId)
            .header("X-Road-UserId", "VN001190000777")
            .send();

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode person = r.json();
    assertThat(person.get("personalId").asString()).isEqualTo(CITIZEN);
    assertThat(person.get("dateOfBirth").asString()).startsWith("1985-");
    assertThat(person.get("sex").asString()).isEqualTo("male");
    assertThat(person.get("fullName").asString()).isNotBlank();
    assertThat(person.get("permanentAddress").get("province").asString()).isNotBlank();
    assertThat(person.has("currentAddress")).isTrue();
    assertThat(r.header("X-Road-Id")).isEqualTo(messageId);
    assertThat(r.header("X-Road-Client")).isEqualTo(HANOI);
    assertThat(r.header("X-Road-Service")).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(r.header("X-Road-Request-Hash")).hasSizeGreaterThan(80);
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.header("X-Road-Issue")).isNull();

    JsonNode record = awaitRecord(messageId);
    assertThat(record.get("status").asInt()).isEqualTo(200);
    assertThat(record.get("clientId").asString()).isEqualTo(HANOI);
    assertThat(record.get("serviceId").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(record.get("issue").asString()).isEqualTo("HS-2026-000123");
    assertThat(record.get("method").asString()).isEqualTo("GET");
    assertThat(record.get("path").asString()).startsWith(CITIZEN_INFO + "#").doesNotContain(CITIZEN);
    assertThat(record.get("userId").asString()).doesNotContain("190000777");
    assertThat(record.get("subjectHash").asString()).hasSize(64);
    // the request hash is stored keyed: an export cannot be tested against guessed personal IDs,
    // an auditor with the key matches the caller's X-Road-Request-Hash
    assertThat(record.get("requestHash").asString()).startsWith(SubjectHasher.KEYED_REQUEST_HASH)
        .isNotEqualTo(r.header("X-Road-Request-Hash"));
    assertThat(subjectHasher.matchesRequestHash(record.get("requestHash").asString(), r.header("X-Road-Request-Hash"))).isTrue();
    assertThat(record.get("responseHash").asString()).hasSizeGreaterThan(80);
    assertThat(record.get("responseSize").asLong()).isEqualTo(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    Instant in = Instant.parse(record.get("requestInAt").asString());
    Instant out = Instant.parse(record.get("requestOutAt").asString());
    Instant back = Instant.parse(record.get("responseInAt").asString());
    Instant answered = Instant.parse(record.get("responseOutAt").asString());
    assertThat(in).isBeforeOrEqualTo(out);
    assertThat(out).isBeforeOrEqualTo(back);
    assertThat(back).isBeforeOrEqualTo(answered);
    assertThat(record.toString()).doesNotContain(CITIZEN);

    assertThat(output.getAll()).doesNotContain(CITIZEN);
  }

  @Test
  void missingPurposeIsRefusedAndLogged() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get(CITIZEN_INFO + CITIZEN)
            .bearer(hub.token(HANOI))
            .header("X-Road-Client", HANOI)
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 400, "Client.MissingIssue");
    assertThat(awaitRecord(messageId).get("errorType").asString()).isEqualTo("Client.MissingIssue");
  }

  @Test
  void missingTokenIsRefusedAndLogged() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get(CITIZEN_INFO + CITIZEN)
            .header("X-Road-Client", HANOI)
            .header("X-Road-Issue", "HS-1")
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 401, "Client.Unauthenticated");
    JsonNode record = awaitRecord(messageId);
    assertThat(record.get("status").asInt()).isEqualTo(401);
    // who it claimed to be, not who it was: nobody was authenticated
    assertThat(record.has("clientId")).isFalse();
    assertThat(record.get("claimedClientId").asString()).isEqualTo(HANOI);
  }

  @Test
  void forgedTokenIsRefused() {
    String token = hub.token(HANOI);
    String tampered = token.substring(0, token.length() - 4) + "AAAA";
    Response r = hub.get(CITIZEN_INFO + CITIZEN).as(HANOI, tampered).send();
    assertProblem(r, 401, "Client.Unauthenticated");
  }

  @Test
  void clientHeaderOfAnotherSubsystemIsRefusedAndLogged() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get(CITIZEN_INFO + CITIZEN)
            .as(HCMC, hub.token(HANOI))
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 403, "Client.ClientMismatch");
    JsonNode record = awaitRecord(messageId);
    assertThat(record.get("status").asInt()).isEqualTo(403);
    // the record names who called (the token's client) and whom it claimed to be
    assertThat(record.get("clientId").asString()).isEqualTo(HANOI);
    assertThat(record.get("claimedClientId").asString()).isEqualTo(HCMC);
  }

  @Test
  void serviceWithoutAccessRightIsRefused() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get("/r1/VN/GOV/BCA/DANCU/household/" + CITIZEN)
            .as(HCMC, hub.token(HCMC))
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 403, "Client.AccessDenied");
    assertThat(awaitRecord(messageId).get("errorType").asString()).isEqualTo("Client.AccessDenied");
  }

  @Test
  void personThatDoesNotExistIsNotFoundAndLogged() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get(CITIZEN_INFO + "001085999999")
            .as(HANOI, hub.token(HANOI))
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 404, "Client.NotFound");
    JsonNode record = awaitRecord(messageId);
    assertThat(record.get("status").asInt()).isEqualTo(404);
    assertThat(record.get("requestOutAt")).isNotNull();
  }

  @Test
  void malformedPersonalIdIsRefusedBeforeTheRegisterIsCalled() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get(CITIZEN_INFO + "12345")
            .as(HANOI, hub.token(HANOI))
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 400, "Client.InvalidPersonalId");
    JsonNode record = awaitRecord(messageId);
    assertThat(record.get("status").asInt()).isEqualTo(400);
    assertThat(record.has("requestOutAt")).isFalse();
  }

  @Test
  void unknownServiceIsNotFoundAndLogged() {
    String messageId = UUID.randomUUID().toString();
    Response r =
        hub.get("/r1/VN/GOV/BCA/DANCU/no-such-service/" + CITIZEN)
            .as(HANOI, hub.token(HANOI))
            .header("X-Road-Id", messageId)
            .send();
    assertProblem(r, 404, "Client.UnknownService");
    assertThat(awaitRecord(messageId).get("serviceId").asString())
        .isEqualTo("VN/GOV/BCA/DANCU/no-such-service");
  }

  @Test
  void registerDownGivesAQuickProviderProblemAndIsLogged() {
    populationRegister.stop();
    try {
      String messageId = UUID.randomUUID().toString();
      long started = System.nanoTime();
      Response r =
          hub.get(CITIZEN_INFO + CITIZEN)
              .as(HANOI, hub.token(HANOI))
              .header("X-Road-Id", messageId)
              .send();
      assertProblem(r, 503, "Server.Provider.Unavailable");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(r.body()).doesNotContain("127.0.0.1").doesNotContain("Exception");
      assertThat(awaitRecord(messageId).get("status").asInt()).isEqualTo(503);
    } finally {
      populationRegister.start();
    }
  }

  @Test
  void verifyAnswersMatchAndMismatch() {
    String token = hub.token(HANOI);
    JsonNode person = hub.get(CITIZEN_INFO + CITIZEN).as(HANOI, token).send().json();
    String body =
        "{\"personalId\":\"%s\",\"fullName\":\"%s\",\"dateOfBirth\":\"%s\"}"
            .formatted(CITIZEN, person.get("fullName").asString(), person.get("dateOfBirth").asString());

    Response match = hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify", body).as(HANOI, token).send();
    assertThat(match.status()).as(match.body()).isEqualTo(200);
    assertThat(match.json().get("match").asBoolean()).isTrue();
    assertThat(match.json().get("mismatchedFields")).isEmpty();

    String dateOfBirth = person.get("dateOfBirth").asString();
    String wrongDate = body.replace(dateOfBirth, "1985-01-01".equals(dateOfBirth) ? "1985-01-02" : "1985-01-01");
    Response mismatch = hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify", wrongDate).as(HANOI, token).send();
    assertThat(mismatch.json().get("match").asBoolean()).isFalse();
    assertThat(mismatch.json().get("mismatchedFields").toString()).contains("dateOfBirth");
  }

  @Test
  void verifyRefusesBadJsonAndMissingFields() {
    String token = hub.token(HANOI);
    assertProblem(
        hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify", "{\"personalId\":").as(HANOI, token).send(),
        400,
        "Client.InvalidRequest");
    assertProblem(
        hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify", "{\"personalId\":\"" + CITIZEN + "\"}")
            .as(HANOI, token)
            .send(),
        400,
        "Client.InvalidRequest");
    assertProblem(
        hub.post(
                "/r1/VN/GOV/BCA/DANCU/citizen-verify",
                "{\"personalId\":\"" + CITIZEN + "\",\"fullName\":\"A\",\"dateOfBirth\":\"31/01/1985\"}")
            .as(HANOI, token)
            .send(),
        400,
        "Client.InvalidRequest");
  }

  @Test
  void residenceAndHouseholdAnswer() {
    String token = hub.token(HANOI);
    Response residence = hub.get("/r1/VN/GOV/BCA/DANCU/residence/" + CITIZEN).as(HANOI, token).send();
    assertThat(residence.status()).as(residence.body()).isEqualTo(200);
    assertThat(residence.json().get("personalId").asString()).isEqualTo(CITIZEN);
    assertThat(residence.json().get("confirmationNumber").asString()).isNotBlank();
    assertThat(residence.json().get("permanentAddress").get("full").asString()).isNotBlank();

    Response household = hub.get("/r1/VN/GOV/BCA/DANCU/household/" + CITIZEN).as(HANOI, token).send();
    assertThat(household.status()).as(household.body()).isEqualTo(200);
    JsonNode members = household.json().get("members");
    assertThat(members.isArray()).isTrue();
    assertThat(members.findValuesAsString("personalId")).contains(CITIZEN);
  }

  @Test
  void daNangDoesNotReceiveTheCurrentAddress() {
    Response r = hub.get(CITIZEN_INFO + CITIZEN).as(DA_NANG, hub.token(DA_NANG)).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().has("permanentAddress")).isTrue();
    assertThat(r.json().has("currentAddress")).isFalse();
    assertThat(r.json().has("householdId")).isFalse();
  }

  @Test
  void adminApiNeedsOperatorCredentialsAndValidatesFilters() {
    Response anonymous = hub.get("/admin/api/exchanges").send();
    assertProblem(anonymous, 401, "Client.Unauthenticated");
    assertProblem(hub.admin("/admin/api/exchanges?from=yesterday"), 400, "Client.InvalidRequest");
    assertProblem(hub.admin("/admin/api/exchanges?size=100000"), 400, "Client.InvalidRequest");
  }

  @Test
  void pathsOutsideTheEngineAreProblemsToo() {
    assertProblem(hub.get("/no/such/page").send(), 404, "Client.UnknownService");
    assertProblem(hub.post("/admin/api/exchanges", "{}").header("Authorization", "Basic b3BlcmF0b3I6c2FuZGJveC1vcGVyYXRvcg==")
        .send(), 405, "Client.MethodNotAllowed");
    Response traversal = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/..%2F..%2Fadmin").send();
    assertThat(traversal.status()).isEqualTo(400);
    assertThat(traversal.body()).doesNotContain("Exception").doesNotContain("at org.");
  }

  private JsonNode awaitRecord(String messageId) {
    return hub.awaitRecord(messageId);
  }

  private static void assertProblem(Response r, int status, String type) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo(type);
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.header("X-Road-Error")).isEqualTo(type);
    assertThat(r.body()).doesNotContain("at vn.").doesNotContain("Exception");
  }
}
