package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.DA_NANG;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;
import static vn.lgsp.hub.support.HubClient.PORTAL;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxTls;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Hostile input through the real port of a hub on TLS with client certificates (the sandbox's own
 * PKI). Each attack must get its exact status and problem type, be in the exchange log with that
 * type, leak nothing, and leave the hub ready.
 */
class AttackSuiteTest {

  static final String CITIZEN_INFO = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";
  static final String VERIFY = "/r1/VN/GOV/BCA/DANCU/citizen-verify";

  static ConfigurableApplicationContext context;
  static Path dataDir;
  static int port;
  static SSLContext trustOnly;
  static HubClient hub;

  @BeforeAll
  static void start() throws Exception {
    dataDir = TestDataDir.create("attack-hub");
    context = new SpringApplicationBuilder(LgspHubApplication.class)
        .run("--server.port=0", "--hub.data-dir=" + dataDir, "--hub.sandbox.tls=true");
    port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    trustOnly = tls(null);
    hub = new HubClient(port, trustOnly);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @AfterEach
  void hubStaysReady() {
    Response readiness = hub.get("/actuator/health/readiness").send();
    assertThat(readiness.status()).isEqualTo(200);
  }

  /** Trust in the sandbox CA, and the client certificate of {@code client} if given. */
  static SSLContext tls(String client) throws Exception {
    return SandboxTls.context(dataDir.resolve("sandbox-pki"), client);
  }

  /** Asserts the problem, that nothing leaks, and that the attempt is logged with its type. */
  private static void refused(Response r, String messageId, int status, String type) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("X-Road-Error")).isEqualTo(type);
    assertThat(r.body()).contains(type).doesNotContain("Exception").doesNotContain("at org.")
        .doesNotContain("at vn.").doesNotContain("root:");
    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.get("errorType").asString()).isEqualTo(type);
    assertThat(record.get("status").asInt()).isEqualTo(status);
  }

  private static String id() {
    return "attack-" + UUID.randomUUID();
  }

  private static Response soap(String messageId, String xml) {
    return hub.post("/services/hub", xml).header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
        .header("X-Road-Id", messageId).bearer(hub.token(HANOI)).send();
  }

  @Test
  void xmlExternalEntity() {
    String messageId = id();
    long started = System.nanoTime();
    Response r = soap(messageId, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&xxe;</soap:Body>"
        + "</soap:Envelope>");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    refused(r, messageId, 400, "Client.InvalidXml");
    assertThat(r.header("Content-Type")).startsWith("text/xml");
  }

  @Test
  void billionLaughs() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]>");
    String messageId = id();
    long started = System.nanoTime();
    Response r = soap(messageId, "<?xml version=\"1.0\"?>" + dtd + "<soap:Envelope xmlns:soap="
        + "\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&lol9;</soap:Body></soap:Envelope>");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    refused(r, messageId, 400, "Client.InvalidXml");
  }

  @Test
  void deeplyNestedSoapIsRefusedByTheBoundedParser() {
    // every X-Road SOAP header valid: only the XML depth limit (32) can refuse it
    String messageId = id();
    String deep = "<hub:a>".repeat(200) + "</hub:a>".repeat(200);
    Response r = soap(messageId, "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\""
        + " xmlns:hub=\"urn:lgsp:hub:v1\"><soap:Header>"
        + "<xrd:client><id:xRoadInstance>VN</id:xRoadInstance><id:memberClass>GOV</id:memberClass>"
        + "<id:memberCode>UBND-HN</id:memberCode><id:subsystemCode>MOTCUA</id:subsystemCode></xrd:client>"
        + "<xrd:service><id:xRoadInstance>VN</id:xRoadInstance><id:memberClass>GOV</id:memberClass><id:memberCode>BCA"
        + "</id:memberCode><id:subsystemCode>DANCU</id:subsystemCode><id:serviceCode>citizen-info</id:serviceCode>"
        + "</xrd:service><xrd:id>" + messageId + "</xrd:id><xrd:issue>HS-2026-000123</xrd:issue></soap:Header>"
        + "<soap:Body><hub:citizen-info><hub:personalId>001085000123</hub:personalId>" + deep
        + "</hub:citizen-info></soap:Body></soap:Envelope>");
    assertThat(r.status()).isEqualTo(500); // a SOAP 1.1 fault
    assertThat(r.header("X-Road-Error")).isEqualTo("Client.InvalidXml");
    assertThat(r.body()).contains("vượt quá giới hạn của nền tảng (độ sâu 32").doesNotContain("at org.").doesNotContain("Exception");
    assertThat(hub.awaitRecord(messageId).get("errorType").asString()).isEqualTo("Client.InvalidXml");
  }

  @Test
  void oversizedBody() {
    String messageId = id();
    String body = "{\"personalId\":\"001085000123\",\"fullName\":\"" + "A".repeat(1_000_000) + "\"}";
    Response r = hub.post(VERIFY, body).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId).send();
    refused(r, messageId, 413, "Client.PayloadTooLarge");
  }

  @Test
  void deeplyNestedJson() {
    String messageId = id();
    String body = "{\"personalId\":\"001085000123\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    Response r = hub.post(VERIFY, body).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId).send();
    refused(r, messageId, 400, "Client.InvalidRequest");
  }

  @Test
  void oversizedHeaders() {
    String messageId = id();
    Response r = hub.get(CITIZEN_INFO).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId)
        .header("X-Padding", "p".repeat(20_000)).send();
    refused(r, messageId, 431, "Client.HeaderTooLarge");
  }

  @Test
  void pathTraversalAndEncodedSlashes() throws Exception {
    for (String path : List.of("/r1/VN/GOV/BCA/DANCU/citizen-info/..%2F..%2Fadmin%2Fapi%2Fexchanges",
        "/r1/VN/GOV/BCA/DANCU/../../../admin/api/exchanges", "/r1/VN/GOV/BCA/DANCU/citizen-info/%2e%2e/x",
        "/r1/VN/GOV/BCA/DANCU/citizen-info;jsessionid=1/001085000123")) {
      String messageId = id();
      RawResponse r = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Road-Id: " + messageId
          + "\r\nConnection: close\r\n\r\n");
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.body()).contains("Client.InvalidRequest").doesNotContain("exchange_record");
      assertThat(hub.awaitRecord(messageId).get("errorType").asString()).isEqualTo("Client.InvalidRequest");
    }
  }

  @Test
  void controlCharactersInProtocolHeaders() throws Exception {
    // C0 controls: Tomcat refuses the request itself; the hub still answers a problem and logs it
    String messageId = id();
    RawResponse r = raw("GET " + CITIZEN_INFO + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + hub.token(HANOI) + "\r\nX-Road-Client: " + HANOI + "\r\nX-Road-Id: " + messageId
        + "\r\nX-Road-Issue: HS-1\u0001forged log line\r\nConnection: close\r\n\r\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("Client.InvalidRequest").doesNotContain("<html");
    assertThat(hub.awaitRecord(messageId).get("errorType").asString()).isEqualTo("Client.InvalidRequest");

    // C1 controls pass HTTP parsing (as Latin-1 text): the hub's own check refuses them
    String second = id();
    RawResponse c1 = raw("GET " + CITIZEN_INFO + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + hub.token(HANOI) + "\r\nX-Road-Client: " + HANOI + "\r\nX-Road-Id: " + second
        + "\r\nX-Road-Issue: HS-1\u0085forged log line\r\nConnection: close\r\n\r\n");
    assertThat(c1.status()).isEqualTo(400);
    assertThat(c1.body()).contains("Client.InvalidHeader");
    JsonNode record = hub.awaitRecord(second);
    assertThat(record.get("errorType").asString()).isEqualTo("Client.InvalidHeader");
    assertThat(record.has("issue")).as("the hostile text is not kept").isFalse();
  }

  @Test
  void forgedClientHeader() {
    String messageId = id();
    Response r = hub.get(CITIZEN_INFO).bearer(hub.token(HANOI)).header("X-Road-Client", HCMC)
        .header("X-Road-Issue", "HS-1").header("X-Road-Id", messageId).send();
    refused(r, messageId, 403, "Client.ClientMismatch");
  }

  @Test
  void expiredTamperedForeignAndUnsignedTokens() throws Exception {
    RSAKey key = JWKSet.parse(Files.readString(dataDir.resolve("keys").resolve("token-signing.jwk.json")))
        .getKeys().get(0).toRSAKey();
    Instant now = Instant.now();
    List<String> tokens = new ArrayList<>();
    tokens.add(token(key, HANOI, "lgsp-hub", "https://hub.lgsp.sandbox", now.minusSeconds(600), now.minusSeconds(60)));
    tokens.add(token(key, HANOI, "another-service", "https://hub.lgsp.sandbox", now, now.plusSeconds(300)));
    tokens.add(token(key, HANOI, "lgsp-hub", "https://evil.example", now, now.plusSeconds(300)));
    tokens.add(token(key, HANOI, "lgsp-hub", "https://hub.lgsp.sandbox", now, null));
    String valid = hub.token(HANOI);
    String[] parts = valid.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace(HANOI, HCMC);
    tokens.add(parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    tokens.add("eyJhbGciOiJub25lIn0." + parts[1] + ".");
    for (String token : tokens) {
      String messageId = id();
      Response r = hub.get(CITIZEN_INFO).as(HANOI, token).header("X-Road-Id", messageId).send();
      refused(r, messageId, 401, "Client.Unauthenticated");
    }
    // the genuine token of the same hub passes
    assertThat(hub.get(CITIZEN_INFO).as(HANOI, valid).send().status()).isEqualTo(200);
  }

  private static String token(RSAKey key, String subject, String audience, String issuer, Instant issued, Instant expires)
      throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().subject(subject).audience(audience).issuer(issuer).issueTime(Date.from(issued))
            .notBeforeTime(Date.from(issued)).expirationTime(expires == null ? null : Date.from(expires)).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void aClientCertificateAuthenticatesAndCannotLendItsNameToAnothersToken() throws Exception {
    HubClient hcmcByCertificate = new HubClient(port, tls(HCMC));
    Response byCertificate = hcmcByCertificate.get(CITIZEN_INFO).header("X-Road-Client", HCMC)
        .header("X-Road-Issue", "HS-1").send();
    assertThat(byCertificate.status()).as(byCertificate.body()).isEqualTo(200);

    String messageId = id();
    Response mixed = hcmcByCertificate.get(CITIZEN_INFO).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId)
        .send();
    refused(mixed, messageId, 403, "Client.ClientMismatch");

    String noCredentials = id();
    refused(hub.get(CITIZEN_INFO).header("X-Road-Client", HCMC).header("X-Road-Issue", "HS-1")
        .header("X-Road-Id", noCredentials).send(), noCredentials, 401, "Client.Unauthenticated");
  }

  /** Over TLS the JDK's client and the hub agree on HTTP/2 by ALPN, client certificate and all. */
  @Test
  void http2IsNegotiatedOverTls() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls(HCMC)).build();
    String messageId = id();
    HttpResponse<String> answer = h2.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + CITIZEN_INFO))
        .header("X-Road-Client", HCMC).header("X-Road-Issue", "HS-1").header("X-Road-Id", messageId).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(hub.awaitRecord(messageId).get("clientId").asString()).isEqualTo(HCMC);
  }

  @Test
  void sqlMetacharactersInEveryAdminFilter() {
    int before = hub.admin("/admin/api/exchanges?size=1").json().get("total").asInt();
    List<String> hostile = List.of("' OR '1'='1", "x'; DROP TABLE exchange_record; --", "\" OR 1=1 --", "%' --",
        "1) UNION SELECT * FROM exchange_chain_seal --");
    for (String filter : List.of("messageId", "client", "service", "status", "errorType", "purpose", "personalId",
        "kind", "from", "to")) {
      for (String value : hostile) {
        Response r = hub.admin("/admin/api/exchanges?" + filter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(r.status()).as(filter + "=" + value).isIn(200, 400);
        if (r.status() == 200) {
          assertThat(r.json().get("total").asInt()).as(filter + "=" + value).isZero();
        } else {
          assertThat(r.json().get("type").asString()).isEqualTo("Client.InvalidRequest");
        }
      }
    }
    assertThat(hub.admin("/admin/api/exchanges?size=1").json().get("total").asInt()).isGreaterThanOrEqualTo(before);
    assertThat(hub.admin("/admin/api/exchange-log/verify").json().get("intact").asBoolean()).isTrue();
  }

  @Test
  void aConsumerCannotReadAnothersRecords() {
    String hanoi = id();
    hub.get(CITIZEN_INFO).as(HANOI, hub.token(HANOI)).header("X-Road-Id", hanoi).send();
    hub.awaitRecord(hanoi);
    Response r = hub.get("/consumer/api/exchanges?messageId=" + hanoi).bearer(hub.token(HCMC))
        .header("X-Road-Client", HCMC).send();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("total").asInt()).isZero();
    Response forced = hub.get("/consumer/api/exchanges?client=" + HANOI).bearer(hub.token(HCMC))
        .header("X-Road-Client", HCMC).send();
    assertThat(forced.status()).isEqualTo(400);
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfter() throws Exception {
    String token = hub.token(DA_NANG);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(() -> hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(DA_NANG, token).send());
      }
      List<Response> answers = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(calls)) {
        answers.add(f.get());
      }
      List<Response> limited = answers.stream().filter(a -> a.status() == 429).toList();
      assertThat(limited).as("40 calls at once, 10 a second allowed").isNotEmpty();
      assertThat(answers.stream().filter(a -> a.status() == 200).count()).isBetween(1L, 30L);
      Response one = limited.get(0);
      assertThat(one.header("Retry-After")).isEqualTo("1");
      assertThat(one.json().get("type").asString()).isEqualTo("Client.RateLimited");
      assertThat(hub.awaitRecord(one.header("X-Road-Id")).get("errorType").asString()).isEqualTo("Client.RateLimited");
    } finally {
      pool.shutdownNow();
    }
    JsonNode allowed = hub.get("/r1/VN/GOV/BCA/DANCU/allowedMethods").bearer(token).header("X-Road-Client", DA_NANG)
        .send().json();
    assertThat(allowed.get("member").get(0).get("x-rateLimits").get("perSecond").asInt()).isEqualTo(10);
  }

  private static Response tokenRequest(String clientId, String secret, String messageId, boolean basic) {
    String id = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
    String password = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    HubClient.Request request = basic
        ? hub.post("/oauth2/token", "grant_type=client_credentials").header("Authorization",
            "Basic " + Base64.getEncoder().encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8)))
        : hub.post("/oauth2/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + password);
    return request.header("Content-Type", "application/x-www-form-urlencoded").header("X-Road-Id", messageId).send();
  }

  private static void throttled(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(429);
    assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo("Client.AuthenticationThrottled");
    assertThat(r.body()).doesNotContain("Exception");
  }

  @Test
  void tenWrongClientSecretsInARowGet429AndAnotherClientStillGetsItsToken() {
    // the portal is the guessed client: no other test here asks for its token
    List<String> ids = new ArrayList<>();
    List<Response> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(id());
      answers.add(tokenRequest(PORTAL, "guess-" + i, ids.get(i), i % 2 == 0));
    }
    assertThat(answers.subList(0, 5)).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(401));
    answers.subList(5, 10).forEach(AttackSuiteTest::throttled);
    // the right secret waits too: a guesser cannot tell it by the answer
    throttled(tokenRequest(PORTAL, HubClient.SANDBOX_SECRET, id(), false));
    // another client from the same address is not held back
    assertThat(tokenRequest(HCMC, HubClient.SANDBOX_SECRET, id(), true).status()).isEqualTo(200);

    JsonNode failure = hub.awaitRecord(ids.get(0));
    assertThat(failure.get("errorType").asString()).isEqualTo("Client.Unauthenticated");
    assertThat(failure.get("status").asInt()).isEqualTo(401);
    assertThat(failure.get("claimedClientId").asString()).isEqualTo(PORTAL);
    assertThat(failure.get("path").asString()).isEqualTo("/oauth2/token");
    JsonNode refusal = hub.awaitRecord(ids.get(9));
    assertThat(refusal.get("errorType").asString()).isEqualTo("Client.AuthenticationThrottled");
    assertThat(refusal.get("status").asInt()).isEqualTo(429);
    assertThat(refusal.get("claimedClientId").asString()).isEqualTo(PORTAL);

    // and metered, by door and type
    String metrics = hub.admin("/actuator/prometheus").body();
    assertThat(refusals(metrics, "token", "Client.Unauthenticated"))
        .as(metrics.lines().filter(l -> l.contains("authentication_refusals")).toList().toString()).isGreaterThanOrEqualTo(5);
    assertThat(refusals(metrics, "token", "Client.AuthenticationThrottled")).isGreaterThanOrEqualTo(6);
  }

  private static double refusals(String metrics, String door, String type) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^hub_authentication_refusals_total\\{[^}]*door=\""
        + door + "\"[^}]*type=\"" + java.util.regex.Pattern.quote(type) + "\"[^}]*} (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static Response consoleSignIn(String operator, String password) {
    return hub.post("/console/login", "username=" + URLEncoder.encode(operator, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8)).header("Content-Type", "application/x-www-form-urlencoded")
        .send();
  }

  @Test
  void repeatedWrongOperatorPasswordsGet429OnTheConsoleAndTheAdminApi() {
    // not the sandbox operator, whom the other tests here use: a name is throttled whether it exists or not
    String operator = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 5; i++) {
      Response wrong = consoleSignIn(operator, "guess-" + i);
      assertThat(wrong.status()).isEqualTo(302);
      assertThat(wrong.header("Location")).endsWith("/console/login.html?error");
    }
    throttled(consoleSignIn(operator, "guess-5"));
    // the same name through the admin API's HTTP basic is held back as well
    throttled(hub.get("/admin/api/exchanges?size=1").header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((operator + ":guess-6").getBytes(StandardCharsets.UTF_8))).send());

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<JsonNode> attempts = new ArrayList<>();
      hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items").forEach(item -> {
        if (operator.equals(item.path("actor").asString())) {
          attempts.add(item);
        }
      });
      assertThat(attempts).extracting(a -> a.get("errorType").asString())
          .containsOnly("Client.Unauthenticated", "Client.AuthenticationThrottled")
          .filteredOn("Client.Unauthenticated"::equals).hasSize(5);
      assertThat(attempts).extracting(a -> a.get("action").asString()).containsOnly("sign-in");
      assertThat(attempts).filteredOn(a -> a.get("status").asInt() == 429).hasSize(2);
    });
  }

  @Test
  void aSessionRequestWithoutTheCsrfHeaderIsRefusedAndChangesNothing() {
    Response signIn = consoleSignIn("operator", "sandbox-operator");
    assertThat(signIn.status()).isEqualTo(302);
    assertThat(signIn.header("Location")).endsWith("/console/");
    String session = signIn.header("Set-Cookie").split(";")[0];
    String route = "/admin/api/routes/household";

    Response forged = hub.post(route + "/suspend", "{\"reason\":\"forged by another site\"}").header("Cookie", session)
        .send();
    assertThat(forged.status()).as(forged.body()).isEqualTo(403);
    assertThat(forged.json().get("type").asString()).isEqualTo("Client.AccessDenied");
    assertThat(hub.admin(route).json().get("state").asString()).as("nothing changed").isEqualTo("started");
    // other credentials riding along do not lift the guard from a session-borne call
    Response withBearer = hub.post(route + "/suspend", "{\"reason\":\"forged with a bearer\"}").header("Cookie", session)
        .header("Authorization", "Bearer " + hub.token(HANOI)).send();
    assertThat(withBearer.status()).as(withBearer.body()).isEqualTo(403);
    assertThat(hub.admin(route).json().get("state").asString()).as("nothing changed").isEqualTo("started");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json()
        .get("items").findValuesAsString("action").contains("csrf-refused"));

    // the console's own script sends the header: the same session and call pass, so the session was good
    Response genuine = hub.post(route + "/suspend", "{\"reason\":\"csrf test: the genuine call\"}")
        .header("Cookie", session).header("X-Requested-With", "XMLHttpRequest").send();
    try {
      assertThat(genuine.status()).as(genuine.body()).isEqualTo(200);
      assertThat(hub.admin(route).json().get("state").asString()).isEqualTo("suspended");
    } finally {
      hub.adminPost(route + "/resume", "{\"reason\":\"csrf test: done\"}");
    }
    assertThat(hub.admin(route).json().get("state").asString()).isEqualTo("started");
  }

  private record RawResponse(int status, String body) {}

  /** Sends bytes exactly as given, over TLS: what an HTTP client library would refuse to send. */
  private static RawResponse raw(String request) throws Exception {
    try (SSLSocket socket = (SSLSocket) trustOnly.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      return new RawResponse(status, text.substring(Math.max(0, text.indexOf("\r\n\r\n"))));
    }
  }
}
