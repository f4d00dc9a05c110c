package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * One source per parameter: a route's inputs come from its path or JSON body, protocol values from
 * headers, and nothing a caller adds beside them (a query parameter, a body on a GET, a header
 * sent twice, a form) is merged in. So the recorded subject is the one the register was asked about,
 * on every published route.
 */
class OneSourcePerParameterTest extends SandboxHubTest {

  private static final String PERSON = "001085000123";
  private static final String OTHER = "079301000456";

  /** Every published GET route whose path names the subject, read from routes/*.yaml. */
  private static List<String> subjectPaths() throws IOException {
    Pattern uri = Pattern.compile("uri: platform-http:(/r1/\\S+/\\{(personalId|taxId)\\})");
    List<String> paths = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("routes"))) {
      for (Path file : files.sorted().toList()) {
        Matcher m = uri.matcher(Files.readString(file));
        if (m.find()) {
          paths.add(m.group(1).replaceAll("\\{(personalId|taxId)\\}", PERSON));
        }
      }
    }
    assertThat(paths).hasSizeGreaterThanOrEqualTo(8);
    return paths;
  }

  private Response get(String pathAndQuery, String id) {
    return hub.get(pathAndQuery).as(HANOI, hub.token(HANOI)).header("X-Road-Issue", "HS-ONE-SOURCE")
        .header("X-Road-Id", id).send();
  }

  @Test
  void aSecondSubjectInTheQueryIsRefusedOnEveryRoute() throws IOException {
    for (String path : subjectPaths()) {
      String id = UUID.randomUUID().toString();
      Response r = get(path + "?personalId=" + OTHER, id);
      assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("type").asString()).isEqualTo("Client.InvalidRequest");
      JsonNode record = hub.awaitRecord(id);
      assertThat(record.has("subjectHash")).as("no subject recorded for a refused call").isFalse();
    }
    JsonNode other = hub.admin("/admin/api/exchanges?personalId=" + OTHER + "&purpose=HS-ONE-SOURCE").json();
    assertThat(other.get("total").asLong()).as("the person only named in the query was never looked up").isZero();
  }

  @Test
  void theRecordedSubjectIsThePersonAskedAbout() throws IOException {
    for (String path : subjectPaths()) {
      String id = UUID.randomUUID().toString();
      Response r = get(path, id);
      assertThat(r.status()).as(path + ": " + r.body()).isIn(200, 403, 404);
      hub.awaitRecord(id);
      JsonNode byPerson = hub.admin("/admin/api/exchanges?personalId=" + PERSON + "&messageId=" + id).json();
      assertThat(byPerson.get("total").asLong()).as(path).isEqualTo(1);
    }
  }

  @Test
  void protocolValuesInTheQueryStringAreNotHeaders() {
    for (String query : List.of("X-Road-Client=" + HCMC, "x-road-issue=HS-FROM-QUERY", "X-Road-UserId=VN001085000123",
        "Authorization=Bearer%20" + hub.token(HCMC), "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")) {
      String id = UUID.randomUUID().toString();
      Response r = get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + PERSON + "?" + query, id);
      assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
      JsonNode record = hub.awaitRecord(id);
      assertThat(record.get("clientId").asString()).isEqualTo(HANOI);
      assertThat(record.get("issue").asString()).isEqualTo("HS-ONE-SOURCE");
    }
    // without the header, a token in the query authenticates nobody
    Response anonymous = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + PERSON + "?Authorization=Bearer%20"
        + hub.token(HANOI)).header("X-Road-Client", HANOI).header("X-Road-Issue", "HS-1").send();
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void aBodyOnAGetAndARepeatedHeaderAreRefused() {
    String id = UUID.randomUUID().toString();
    Response withBody = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + PERSON).as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-ONE-SOURCE").header("X-Road-Id", id).withBody("{\"personalId\":\"" + OTHER + "\"}")
        .send();
    assertThat(withBody.status()).as(withBody.body()).isEqualTo(400);
    assertThat(hub.awaitRecord(id).has("subjectHash")).isFalse();

    String repeated = UUID.randomUUID().toString();
    Response twice = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + PERSON).as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-ONE-SOURCE").header("X-Road-Id", repeated).addHeader("X-Road-Issue", "HS-OTHER")
        .send();
    assertThat(twice.status()).as(twice.body()).isEqualTo(400);
    assertThat(twice.json().get("type").asString()).isEqualTo("Client.InvalidHeader");
    hub.awaitRecord(repeated);
  }

  @Test
  void aFormIsNotAcceptedInPlaceOfJson() {
    String id = UUID.randomUUID().toString();
    Response form = hub.post("/r1/VN/GOV/BCA/DANCU/citizen-verify",
            "personalId=" + PERSON + "&fullName=x&dateOfBirth=1985-09-12&X-Road-Client=" + HCMC)
        .header("Content-Type", "application/x-www-form-urlencoded").as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-ONE-SOURCE").header("X-Road-Id", id).send();
    assertThat(form.status()).as(form.body()).isEqualTo(415);
    JsonNode record = hub.awaitRecord(id);
    assertThat(record.get("errorType").asString()).isEqualTo("Client.UnsupportedMediaType");
    assertThat(record.toString()).as("a form field is no header").doesNotContain(HCMC);
  }

  @Test
  void personalIdsAreMaskedInThePurposeAndInPercentEncodedPaths() {
    String id = UUID.randomUUID().toString();
    String encoded = PERSON.chars().mapToObj(c -> "%3" + (char) c).collect(java.util.stream.Collectors.joining());
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + encoded).as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-" + OTHER).header("X-Road-Id", id).send();
    assertThat(r.status()).as(r.body()).isIn(200, 400);
    JsonNode record = hub.awaitRecord(id);
    assertThat(record.toString()).doesNotContain(PERSON).doesNotContain(OTHER).doesNotContain("%30%30%31");
    assertThat(record.get("issue").asString()).startsWith("HS-#");
    // the operator still finds the exchange by the purpose as the caller wrote it
    JsonNode byPurpose = hub.admin("/admin/api/exchanges?purpose=HS-" + OTHER + "&messageId=" + id).json();
    assertThat(byPurpose.get("total").asLong()).isEqualTo(1);
  }

  @Test
  void aPersonalIdInTheMessageIdIsMaskedAndTheExchangeIsStillFoundByTheIdAsSent() {
    String id = "HS-" + OTHER + "-" + UUID.randomUUID().toString().substring(0, 8);
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + PERSON).as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-MESSAGE-ID").header("X-Road-Id", id).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    // the caller gets its own id back as it sent it
    assertThat(r.header("X-Road-Id")).isEqualTo(id);

    // found by the id as sent: the search masks it the same way
    JsonNode record = hub.awaitRecord(id);
    assertThat(record.toString()).doesNotContain(OTHER);
    assertThat(record.get("messageId").asString()).startsWith("HS-#").endsWith(id.substring(id.length() - 9));

    // masked past its column (128), the stored id is cut and marked with its hash; the search finds it
    String longId = "123456789-".repeat(9) + "x";
    assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + PERSON).as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-MESSAGE-ID").header("X-Road-Id", longId).send().status()).isEqualTo(200);
    assertThat(hub.awaitRecord(longId).get("messageId").asString()).hasSize(128).contains("…#").doesNotContain("123456789");
  }
}
