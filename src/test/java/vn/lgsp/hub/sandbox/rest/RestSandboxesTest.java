package vn.lgsp.hub.sandbox.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.ReceivedSignature;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;

/**
 * The sandbox tax, social insurance and bank backends over real HTTP, as the hub's connectors see
 * them. The example IDs are the ones the README lists for each interesting case.
 */
class RestSandboxesTest {

  static final String MAN_1985 = "001085000123";
  static final String HAS_TAX_DEBT = "001085000002";
  static final String NO_TAX_RECORD = "001085000008";
  static final String INSURANCE_GAP = "001085000001";
  static final String EXPIRED_CARD = "001085000014";
  static final String CHILD = "001210000007";
  static final String NOBODY = "001085999999";
  static final String KEY = "test-bank-key-0123456789";
  private static final KeyPair BANK_KEYS = ecKeys();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SyntheticPopulation POPULATION = new SyntheticPopulation();

  private static TaxSandbox tax;
  private static InsuranceSandbox insurance;
  private static BankSandbox bank;

  @BeforeAll
  static void start() {
    tax = new TaxSandbox(0, POPULATION);
    insurance = new InsuranceSandbox(0, POPULATION);
    bank = new BankSandbox(0, POPULATION, KEY, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(BANK_KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
        Clock.systemUTC());
    tax.start();
    insurance.start();
    bank.start();
  }

  @AfterAll
  static void stop() {
    tax.close();
    insurance.close();
    bank.close();
  }

  @Test
  void taxpayerByPersonalIdCarriesThePopulationRegistersName() throws Exception {
    JsonNode taxpayer = get(tax, "/tax/v1/taxpayers/" + MAN_1985).json();
    assertThat(taxpayer.get("personalId").asString()).isEqualTo(MAN_1985);
    assertThat(taxpayer.get("name").asString()).isEqualTo(POPULATION.find(MAN_1985).orElseThrow().fullName());
    assertThat(LocalDate.parse(taxpayer.get("registeredOn").asString())).isAfter(LocalDate.of(2003, 9, 11));
    assertThat(get(tax, "/tax/v1/taxpayers/" + MAN_1985).body()).isEqualTo(get(tax, "/tax/v1/taxpayers/" + MAN_1985).body());
  }

  @Test
  void legacyTaxCodesAreCheckedByTheirCheckDigit() throws Exception {
    Reply business = get(tax, "/tax/v1/taxpayers/0100109106");
    assertThat(business.status()).isEqualTo(200);
    assertThat(business.json().get("taxCode").asString()).isEqualTo("0100109106");
    assertThat(get(tax, "/tax/v1/taxpayers/0100109106001").json().get("taxCode").asString()).isEqualTo("0100109106-001");
    assertThat(get(tax, "/tax/v1/taxpayers/0100109107").status()).isEqualTo(400);
  }

  @Test
  void theReadmesTaxExamplesHoldTheirCase() throws Exception {
    JsonNode debt = get(tax, "/tax/v1/obligations/" + HAS_TAX_DEBT).json();
    assertThat(debt.get("hasOutstandingDebt").asBoolean()).isTrue();
    long sum = 0;
    for (JsonNode item : debt.get("items")) {
      sum += item.get("amount").asLong();
    }
    assertThat(debt.get("outstandingAmount").asLong()).isEqualTo(sum).as("the README's example").isEqualTo(18_475_000L);

    JsonNode clear = get(tax, "/tax/v1/obligations/" + MAN_1985).json();
    assertThat(clear.get("hasOutstandingDebt").asBoolean()).isFalse();
    assertThat(clear.get("outstandingAmount").asLong()).isZero();

    assertThat(get(tax, "/tax/v1/taxpayers/" + NO_TAX_RECORD).status()).isEqualTo(404);
    assertThat(get(tax, "/tax/v1/obligations/" + NO_TAX_RECORD).status()).isEqualTo(404);
    assertThat(get(tax, "/tax/v1/obligations/" + NOBODY).status()).isEqualTo(404);
    assertThat(get(tax, "/tax/v1/obligations/12345").status()).isEqualTo(400);
  }

  @Test
  void contributionHistoriesStartInAdulthoodAndShowGaps() throws Exception {
    JsonNode gap = get(insurance, "/bhxh/v1/contributions/" + INSURANCE_GAP).json();
    assertThat(gap.get("hasGap").asBoolean()).isTrue();
    assertThat(insurance.hasGap(INSURANCE_GAP)).isTrue();
    JsonNode periods = gap.get("periods");
    assertThat(periods.size()).isGreaterThan(1);
    String firstEnd = periods.get(0).get("to").asString();
    String secondStart = periods.get(1).get("from").asString();
    assertThat(java.time.YearMonth.parse(secondStart)).isAfter(java.time.YearMonth.parse(firstEnd).plusMonths(1));
    LocalDate born = POPULATION.find(INSURANCE_GAP).orElseThrow().dateOfBirth();
    assertThat(java.time.YearMonth.parse(periods.get(0).get("from").asString()))
        .isAfterOrEqualTo(java.time.YearMonth.from(born.plusYears(18)));

    JsonNode steady = get(insurance, "/bhxh/v1/contributions/" + MAN_1985).json();
    assertThat(steady.get("hasGap").asBoolean()).isFalse();
    assertThat(insurance.hasGap(MAN_1985)).isFalse();
    assertThat(get(insurance, "/bhxh/v1/contributions/" + CHILD).status()).isEqualTo(404);
  }

  @Test
  void healthCardsAreValidOrExpiredOnTheSnapshotDate() throws Exception {
    JsonNode expired = get(insurance, "/bhxh/v1/health-cards/" + EXPIRED_CARD).json();
    assertThat(expired.get("valid").asBoolean()).isFalse();
    assertThat(LocalDate.parse(expired.get("validTo").asString())).isBefore(SyntheticPopulation.SNAPSHOT_DATE);
    JsonNode valid = get(insurance, "/bhxh/v1/health-cards/" + MAN_1985).json();
    assertThat(valid.get("valid").asBoolean()).isTrue();
    assertThat(valid.get("registeredHospital").asString()).isNotBlank();
    assertThat(get(insurance, "/bhxh/v1/health-cards/" + CHILD).status()).isEqualTo(200);
    assertThat(get(insurance, "/bhxh/v1/health-cards/" + NOBODY).status()).isEqualTo(404);
  }

  @Test
  void theBankMatchesOnlyTheHoldersAccountAndName() throws Exception {
    String account = bank.accountNumberOf(MAN_1985);
    assertThat(account).as("the README's example account").isEqualTo("0011225856472");
    String name = POPULATION.find(MAN_1985).orElseThrow().fullName();
    assertThat(verify("VCB", account, MAN_1985, name).json().get("match").asBoolean()).isTrue();
    assertThat(verify("VCB", account, MAN_1985, "  " + name.toUpperCase() + " ").json().get("match").asBoolean()).isTrue();
    assertThat(verify("VCB", "0011000000001", MAN_1985, name).json().get("match").asBoolean()).isFalse();
    assertThat(verify("VCB", account, MAN_1985, "Nguyễn Văn An").json().get("match").asBoolean()).isFalse();
    assertThat(verify("BIDV", account, MAN_1985, name).json().get("match").asBoolean()).isFalse();
    assertThat(verify("VCB", bank.accountNumberOf(NOBODY), NOBODY, name).json().get("match").asBoolean()).isFalse();
  }

  @Test
  void theBankRefusesUnsignedStaleAndAlteredRequests() throws Exception {
    byte[] body = body("VCB", bank.accountNumberOf(MAN_1985), MAN_1985, "x");
    String path = "/bank/v1/account-verifications";
    long now = Instant.now().getEpochSecond();

    assertThat(post(path, body, null, null).status()).isEqualTo(401);
    String stale = Long.toString(now - 600);
    assertThat(post(path, body, stale, sign("POST", path, stale, body)).status()).isEqualTo(401);
    String fresh = Long.toString(now);
    byte[] altered = body("VCB", bank.accountNumberOf(MAN_1985), MAN_1985, "y");
    assertThat(post(path, altered, fresh, sign("POST", path, fresh, body)).status()).isEqualTo(401);
    assertThat(post(path, body, fresh, "not base64!").status()).isEqualTo(401);
    assertThat(post(path, body, fresh, sign("POST", path, fresh, body)).status()).isEqualTo(200);
  }

  @Test
  void unknownPathsAndMethodsGetJsonErrorsNotTomcatPages() throws Exception {
    Reply unknown = get(tax, "/tax/v1/nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asString()).isEqualTo("no-such-resource");
    Reply wrongMethod = send(HttpRequest.newBuilder(URI.create(bank.address() + "/bank/v1/account-verifications")).GET());
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().get("error").asString()).isEqualTo("method-not-allowed");
    // an encoded slash reaches the register (raw path), which refuses the ID, as a ministry's server would
    assertThat(get(tax, "/tax/v1/taxpayers/001085%2F00123").json().get("error").asString()).isEqualTo("invalid-tax-code");
  }

  @Test
  void aStoppedRegisterClosesItsPortAndComesBackOnTheSamePort() throws Exception {
    try (InsuranceSandbox register = new InsuranceSandbox(0, POPULATION)) {
      register.start();
      int port = register.port();
      assertThat(get(register, "/bhxh/v1/health-cards/" + MAN_1985).status()).isEqualTo(200);

      register.stop();
      assertThat(register.isRunning()).isFalse();
      assertThatThrownBy(() -> get(register, "/bhxh/v1/health-cards/" + MAN_1985)).isInstanceOf(ConnectException.class);

      register.start();
      assertThat(register.port()).isEqualTo(port);
      assertThat(get(register, "/bhxh/v1/health-cards/" + MAN_1985).status()).isEqualTo(200);
    }
    assertThat(get(insurance, "/bhxh/v1/health-cards/" + MAN_1985).status()).as("the other registers untouched").isEqualTo(200);
  }

  @Test
  void theBanksAnswersAreSignedOverStatusTypeAndDigest() throws Exception {
    Reply reply = verify("VCB", bank.accountNumberOf(MAN_1985), MAN_1985, "x");
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    assertThat(ContentDigest.matches(reply.headers().firstValue("Content-Digest").orElseThrow(), body)).isTrue();
    ReceivedSignature signature = ReceivedSignature.find(reply.headers().firstValue("Signature-Input").orElseThrow(),
        reply.headers().firstValue("Signature").orElseThrow(), "vcb").orElseThrow();
    assertThat(signature.components()).containsExactly("@status", "content-type", "content-digest", "@path;req");
    assertThat(signature.keyId()).isEqualTo(BankSandbox.ANSWER_KEY_ID);
    byte[] base = signature.base(name -> name.equals("@status") ? "200" : name.equals("@path;req")
        ? "/bank/v1/account-verifications" : reply.headers().firstValue(name).orElse(null));
    assertThat(SignatureAlgorithms.verify(BANK_KEYS.getPublic(), signature.algorithm(), base, signature.value())).isTrue();
    base[base.length / 2] ^= 1;
    assertThat(SignatureAlgorithms.verify(BANK_KEYS.getPublic(), signature.algorithm(), base, signature.value())).isFalse();
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply verify(String bankCode, String account, String personalId, String name) throws Exception {
    byte[] body = body(bankCode, account, personalId, name);
    String path = "/bank/v1/account-verifications";
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    Reply reply = post(path, body, timestamp, sign("POST", path, timestamp, body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply;
  }

  private static byte[] body(String bankCode, String account, String personalId, String name) throws IOException {
    return JSON.writeValueAsBytes(java.util.Map.of(
        "bankCode", bankCode, "accountNumber", account, "personalId", personalId, "fullName", name));
  }

  /** The bank's signature scheme, written from its documentation rather than the hub's signer. */
  private static String sign(String method, String path, String timestamp, byte[] body) throws Exception {
    String canonical = method + "\n" + path + "\n" + timestamp + "\n"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  private static Reply post(String path, byte[] body, String timestamp, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bank.address() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (timestamp != null) {
      request.header("X-Signature-Timestamp", timestamp).header("X-Signature", signature);
    }
    return send(request);
  }

  private static Reply get(JsonHttpServer server, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.address() + path)).GET());
  }

  private static Reply send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  private record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }
}
