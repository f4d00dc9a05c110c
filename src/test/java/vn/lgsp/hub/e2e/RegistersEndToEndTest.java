package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.sandbox.rest.BankSandbox;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The REST registers of the demo catalog through the hub's real port against the sandbox
 * backends: each answers for a sandbox person, each call has its record, and the sandbox bank
 * (which checks signatures on its own) accepts what the hub's connector signs.
 */
class RegistersEndToEndTest extends SandboxHubTest {

  static final String CITIZEN = "001085000123";

  @Autowired BankSandbox bank;

  private Response call(String path) {
    String messageId = UUID.randomUUID().toString();
    Response r = hub.get(path).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId).send();
    assertThat(hub.awaitRecord(messageId).get("status").asInt()).isEqualTo(r.status());
    return r;
  }

  @Test
  void taxAndInsuranceServicesAnswerForASandboxPerson() {
    Response taxpayer = call("/r1/VN/GOV/BTC/THUE/taxpayer/" + CITIZEN);
    assertThat(taxpayer.status()).as(taxpayer.body()).isEqualTo(200);
    assertThat(taxpayer.json().get("taxCode").asString()).isEqualTo(CITIZEN);

    Response obligation = call("/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002");
    assertThat(obligation.json().get("hasOutstandingDebt").asBoolean()).isTrue();

    Response history = call("/r1/VN/GOV/BHXH/BAOHIEM/insurance-history/" + CITIZEN);
    assertThat(history.status()).as(history.body()).isEqualTo(200);
    assertThat(history.json().get("periods").size()).isPositive();

    Response card = call("/r1/VN/GOV/BHXH/BAOHIEM/health-card/" + CITIZEN);
    assertThat(card.json().get("cardNumber").asString()).startsWith("GD4");
  }

  @Test
  void legacyTaxCodeWithAWrongCheckDigitIsRefusedAndLogged() {
    Response business = call("/r1/VN/GOV/BTC/THUE/taxpayer/0100109106");
    assertThat(business.status()).as(business.body()).isEqualTo(200);
    Response wrong = call("/r1/VN/GOV/BTC/THUE/taxpayer/0100109107");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("type").asString()).isEqualTo("Client.InvalidRequest");
  }

  @Test
  void theBankAcceptsTheHubsSignatureAndMatchesTheHoldersAccount() {
    String token = hub.token(HANOI);
    String body = "{\"bankCode\":\"VCB\",\"accountNumber\":\"%s\",\"personalId\":\"" + CITIZEN
        + "\",\"fullName\":\"Đỗ Công Sơn\"}";
    Response holder = hub.post("/r1/VN/COM/VCB/TAIKHOAN/account-verify", body.formatted(bank.accountNumberOf(CITIZEN)))
        .as(HANOI, token).send();
    assertThat(holder.status()).as(holder.body()).isEqualTo(200);
    assertThat(holder.json().get("match").asBoolean()).isTrue();
    // the bank signed its answer; the hub verified it with the certificate of the bank's descriptor and kept it
    JsonNode record = hub.awaitRecord(holder.header("X-Road-Id"));
    assertThat(record.path("providerSignature").asString(""))
        .startsWith("vcb=(\"@status\" \"content-type\" \"content-digest\" \"@path\";req \"content-digest\";req)")
        .contains("keyid=\"" + BankSandbox.ANSWER_KEY_ID + "\"");
    assertThat(record.path("answerSignature").asString("")).startsWith("hub=(");

    Response other = hub.post("/r1/VN/COM/VCB/TAIKHOAN/account-verify", body.formatted("0011000000001"))
        .as(HANOI, token).send();
    assertThat(other.json().get("match").asBoolean()).isFalse();
  }

  @Test
  void theCompositeGathersThreeRegistersWithAStatusEach() {
    Response r = call("/r1/VN/GOV/LGSP/HUB/citizen-profile/001085999999?include=population,tax,insurance");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode sources = r.json().get("sources");
    assertThat(sources.get("population").get("status").asString()).isEqualTo("not-found");
    assertThat(sources.get("tax").get("status").asString()).isEqualTo("not-found");
    assertThat(sources.get("insurance").get("status").asString()).isEqualTo("not-found");

    JsonNode found = call("/r1/VN/GOV/LGSP/HUB/citizen-profile/" + CITIZEN).json().get("sources");
    assertThat(found.get("population").get("data").get("dateOfBirth").asString()).isEqualTo("1985-09-12");
    assertThat(found.get("tax").get("status").asString()).isEqualTo("ok");
    assertThat(found.get("insurance").get("status").asString()).isEqualTo("ok");
  }
}
