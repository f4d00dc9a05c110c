package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.H2AsyncClientBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.SandboxTls;
import vn.lgsp.hub.support.TestDataDir;

/**
 * HTTP/2 over TLS, chosen by ALPN, beside HTTP/1.1: the JDK's HttpClient forced to HTTP/2 gets a lookup, a JSON
 * body and a refusal answered as over HTTP/1.1, each recorded; 100 streams at once on one connection are all
 * answered and recorded; Apache HttpClient 5, a second HTTP/2 client, sends a body over the limit and gets 413
 * without the Connection header HTTP/2 forbids, logged, the connection still serving. (In cleartext the hub
 * stays HTTP/1.1: {@code Http1CleartextTest}.)
 */
class Http2Test {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ConfigurableApplicationContext context;
  private static int port;
  private static SSLContext tls;
  private static HubClient hub;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = TestDataDir.create("http2-hub");
    context = new SpringApplicationBuilder(LgspHubApplication.class)
        .run("--server.port=0", "--hub.data-dir=" + dataDir, "--hub.sandbox.tls=true");
    port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    tls = SandboxTls.context(dataDir.resolve("sandbox-pki"), null);
    hub = new HubClient(port, tls);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void aClientForcedToHttp2IsAnsweredOverHttp2() throws Exception {
    HttpClient h2 = jdkHttp2();
    String token = hub.token(HANOI);
    String lookUp = UUID.randomUUID().toString();
    HttpResponse<String> first = h2.send(request("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", token, lookUp)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
    JsonNode person = JSON.readTree(first.body());

    String verify = UUID.randomUUID().toString();
    String body = "{\"personalId\":\"001085000123\",\"fullName\":\"%s\",\"dateOfBirth\":\"%s\"}"
        .formatted(person.get("fullName").asString(), person.get("dateOfBirth").asString());
    HttpResponse<String> posted = h2.send(request("/r1/VN/GOV/BCA/DANCU/citizen-verify", token, verify)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(JSON.readTree(posted.body()).get("match").asBoolean()).isTrue();

    String refused = UUID.randomUUID().toString();
    HttpResponse<String> bad = h2.send(request("/r1/VN/GOV/BCA/DANCU/citizen-info/12", token, refused).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
        "application/problem+json"));
    for (String id : new String[] {lookUp, verify, refused}) {
      assertThat(hub.awaitRecord(id).get("messageId").asString()).isEqualTo(id);
    }
  }

  /**
   * A body over the limit, sent over HTTP/2 by Apache HttpClient 5: refused by the edge, as over HTTP/1.1, without
   * the {@code Connection} header HTTP/2 forbids, and logged; the connection serves the next call. (The JDK 17
   * client waits to finish sending before it reads an answer, so it stalls once the stream's window is full.)
   */
  @Test
  void anOversizedBodyOverHttp2IsRefusedAndLogged() throws Exception {
    String token = hub.token(HANOI);
    String refused = UUID.randomUUID().toString();
    String body = "{\"personalId\":\"001085000123\",\"fullName\":\"" + "A".repeat(1_000_000) + "\"}";
    try (CloseableHttpAsyncClient h2 = H2AsyncClientBuilder.create()
        .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync()).build()) {
      h2.start();
      SimpleHttpResponse tooLarge = h2.execute(headers(SimpleRequestBuilder.post(url("/r1/VN/GOV/BCA/DANCU/citizen-verify")),
          token, refused).setBody(body, ContentType.APPLICATION_JSON).build(), null).get(30, TimeUnit.SECONDS);
      assertThat(tooLarge.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(tooLarge.getCode()).as(tooLarge.getBodyText()).isEqualTo(413);
      assertThat(tooLarge.getFirstHeader("Connection")).as("a header HTTP/2 forbids").isNull();
      assertThat(hub.awaitRecord(refused).get("errorType").asString()).isEqualTo("Client.PayloadTooLarge");
      SimpleHttpResponse next = h2.execute(headers(SimpleRequestBuilder.get(
          url("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123")), token, UUID.randomUUID().toString()).build(), null)
          .get(30, TimeUnit.SECONDS);
      assertThat(next.getCode()).isEqualTo(200);
    }
  }

  /**
   * 100 callers at once on one HTTP/2 connection, as streams (as many as the hub lets one connection carry at
   * once): every one answered and recorded, none taking a slot of the edge's body reads (a GET has no body).
   */
  @Test
  void aHundredConcurrentStreamsAreAnsweredAndRecorded() throws Exception {
    HttpClient h2 = jdkHttp2();
    String token = hub.token(HANOI);
    h2.send(request("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", token, UUID.randomUUID().toString()).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      answers.add(h2.sendAsync(request("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", token, id).GET().build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    int served = 0;
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      // the client's request limit (429 Client.RateLimited) and the hub's lanes (503) may refuse some at once,
      // but none goes unanswered
      assertThat(response.statusCode()).as(response.body()).isIn(200, 429, 503);
      assertThat(response.body()).doesNotContain("Client.TooManySlowSenders");
      served += response.statusCode() == 200 ? 1 : 0;
    }
    assertThat(served).isPositive();
    for (String id : ids) {
      assertThat(hub.awaitRecord(id).get("messageId").asString()).isEqualTo(id);
    }
  }

  private static HttpClient jdkHttp2() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls).build();
  }

  private static SimpleRequestBuilder headers(SimpleRequestBuilder request, String token, String messageId) {
    return request.setHeader("Authorization", "Bearer " + token).setHeader("X-Road-Client", HANOI)
        .setHeader("X-Road-Issue", "HS-1").setHeader("X-Road-Id", messageId);
  }

  private static String url(String path) {
    return "https://127.0.0.1:" + port + path;
  }

  private static HttpRequest.Builder request(String path, String token, String messageId) {
    return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token)
        .header("X-Road-Client", HANOI).header("X-Road-Issue", "HS-1").header("X-Road-Id", messageId);
  }
}
