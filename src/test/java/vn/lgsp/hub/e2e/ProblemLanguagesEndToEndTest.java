package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.support.HubClient.Request;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * A clerk reads a refusal in Vietnamese, an English-speaking client in English: title and detail
 * follow {@code Accept-Language}, the type and status never do, and each answer has its record.
 */
class ProblemLanguagesEndToEndTest extends SandboxHubTest {

  private static final String HOUSEHOLD = "/r1/VN/GOV/BCA/DANCU/household/001085000123";

  private Response refusedLookup(String language) {
    // Ho Chi Minh City has no right to the household register in the sandbox
    Request request = hub.get(HOUSEHOLD).as(HCMC, hub.token(HCMC)).header("X-Road-Id", UUID.randomUUID().toString());
    return (language == null ? request : request.header("Accept-Language", language)).send();
  }

  @Test
  void aRefusedLookupSpeaksTheCallersLanguageAndKeepsItsType() {
    Response vietnamese = refusedLookup("vi");
    Response byDefault = refusedLookup(null);
    Response english = refusedLookup("en-US,en;q=0.9");

    for (Response r : new Response[] {vietnamese, byDefault, english}) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().get("type").asString()).isEqualTo("Client.AccessDenied");
      assertThat(r.header("X-Road-Error")).isEqualTo("Client.AccessDenied");
      assertThat(hub.awaitRecord(r.header("X-Road-Id")).get("errorType").asString()).isEqualTo("Client.AccessDenied");
    }
    JsonNode vi = vietnamese.json();
    assertThat(vi.get("title").asString()).isEqualTo("Hệ thống chưa được cấp quyền truy cập dịch vụ này");
    assertThat(vi.get("detail").asString()).isEqualTo("chưa được cấp quyền truy cập VN/GOV/BCA/DANCU/household");
    assertThat(vietnamese.header("Content-Language")).isEqualTo("vi");
    assertThat(byDefault.json().get("title").asString()).as("Vietnamese by default").isEqualTo(vi.get("title").asString());
    assertThat(english.json().get("title").asString()).isEqualTo("The client has no access right to this service");
    assertThat(english.json().get("detail").asString()).isEqualTo("no access right to VN/GOV/BCA/DANCU/household");
    assertThat(english.header("Content-Language")).isEqualTo("en");
  }

  @Test
  void refusalsAtTheEdgeAndInTheAdminApiSpeakItToo() {
    Response unauthenticated = hub.get(HOUSEHOLD).header("Accept-Language", "en").send();
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(unauthenticated.json().get("title").asString()).isEqualTo("Authentication is required");

    Response pathTooLong = hub.get("/r1/" + "x".repeat(5000)).send();
    assertThat(pathTooLong.status()).isEqualTo(414);
    assertThat(pathTooLong.json().get("type").asString()).isEqualTo("Client.UriTooLong");
    assertThat(pathTooLong.json().get("title").asString()).isEqualTo("Đường dẫn hoặc chuỗi truy vấn quá dài");

    Response badFilter = hub.get("/admin/api/exchanges?personalId=12").header("Authorization", OPERATOR)
        .header("Accept-Language", "vi").send();
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.json().get("detail").asString()).isEqualTo("tham số truy vấn “personalId” phải là mã định danh cá nhân 12 chữ số");
  }

  @Test
  void anUnparseableAcceptLanguageIsNoReasonToRefuse() {
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-2026-000123").header("Accept-Language", ";;q=x,,").send();
    assertThat(r.status()).isEqualTo(200);
  }

  private static final String OPERATOR = "Basic " + java.util.Base64.getEncoder()
      .encodeToString("operator:sandbox-operator".getBytes(java.nio.charset.StandardCharsets.UTF_8));
}
