package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.H2AsyncClientBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * HTTP/2 in cleartext: the JDK's HttpClient, forced to HTTP/2, upgrades its connection (h2c) on its first call
 * and sends the next ones, a JSON body included, as HTTP/2 streams; the answers are those of HTTP/1.1 and every
 * exchange has its record. A client that does not ask keeps HTTP/1.1. (Over TLS, ALPN: {@code AttackSuiteTest}.)
 */
class Http2Test extends SandboxHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aClientForcedToHttp2IsAnsweredOverHttp2() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    String token = hub.token(HANOI);
    String lookUp = UUID.randomUUID().toString();
    HttpResponse<String> first = h2.send(request("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", token, lookUp)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.version()).as("upgraded on the first call").isEqualTo(HttpClient.Version.HTTP_2);
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

    HttpResponse<String> plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        request("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", token, UUID.randomUUID().toString()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.version()).as("HTTP/1.1 stays").isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  /**
   * The JDK's client asks to upgrade on its first call even when that call has a body: the hub keeps the body for
   * the upgraded stream up to its own body limit (Tomcat alone would refuse anything over 4 KiB with 413).
   */
  @Test
  void anUpgradeRequestWithABodyOf40KiBIsServed() throws Exception {
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    String token = hub.token(HANOI);
    String verify = UUID.randomUUID().toString();
    String body = "{\"personalId\":\"001085000123\",\"fullName\":\"Nobody\",\"dateOfBirth\":\"1985-09-12\"}"
        + " ".repeat(40 * 1024);
    HttpResponse<String> posted = fresh.send(request("/r1/VN/GOV/BCA/DANCU/citizen-verify", token, verify)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(JSON.readTree(posted.body()).get("match").asBoolean()).isFalse();
    assertThat(hub.awaitRecord(verify).get("status").asInt()).isEqualTo(200);
  }

  /**
   * A body over the limit, sent over HTTP/2 by Apache HttpClient 5 (prior knowledge, no upgrade): refused by its
   * announced length before it is read, as over HTTP/1.1, without the {@code Connection} header HTTP/2 forbids,
   * and logged; the connection serves the next call. (The JDK 17 client waits to finish sending before it reads
   * an answer, so over HTTP/2 it stalls where the stream's window is full: a client's limit, not the hub's.)
   */
  @Test
  void anOversizedBodyOverHttp2IsRefusedByItsLengthAndLogged() throws Exception {
    String token = hub.token(HANOI);
    String refused = UUID.randomUUID().toString();
    String body = "{\"personalId\":\"001085000123\",\"fullName\":\"" + "A".repeat(1_000_000) + "\"}";
    try (CloseableHttpAsyncClient h2 = H2AsyncClientBuilder.create().build()) {
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

  private static SimpleRequestBuilder headers(SimpleRequestBuilder request, String token, String messageId) {
    return request.setHeader("Authorization", "Bearer " + token).setHeader("X-Road-Client", HANOI)
        .setHeader("X-Road-Issue", "HS-1").setHeader("X-Road-Id", messageId);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /**
   * 100 callers at once on one HTTP/2 connection, as streams (as many as the hub lets one connection carry at
   * once): every one answered and every exchange recorded.
   */
  @Test
  void aHundredConcurrentStreamsAreAnsweredAndRecorded() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
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
      // the client's request limit (429) and the hub's lanes (503) may refuse some at once, but none goes unanswered
      assertThat(response.statusCode()).as(response.body()).isIn(200, 429, 503);
      served += response.statusCode() == 200 ? 1 : 0;
    }
    assertThat(served).isPositive();
    for (String id : ids) {
      assertThat(hub.awaitRecord(id).get("messageId").asString()).isEqualTo(id);
    }
  }

  private HttpRequest.Builder request(String path, String token, String messageId) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
        .header("X-Road-Client", HANOI).header("X-Road-Issue", "HS-1").header("X-Road-Id", messageId);
  }
}
