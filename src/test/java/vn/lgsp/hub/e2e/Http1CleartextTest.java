package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * In cleartext the hub speaks HTTP/1.1 only: the JDK's client, which asks to upgrade (h2c) by default, is answered
 * over HTTP/1.1, its first call carrying a 40 KiB body included (Tomcat would read an upgrade's body itself, past
 * the edge's bounded reads; with HTTP/2 in cleartext such a call was refused with 413).
 */
class Http1CleartextTest extends SandboxHubTest {

  @Test
  void aClientAskingForHttp2InCleartextIsAnsweredOverHttp11() throws Exception {
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    String messageId = UUID.randomUUID().toString();
    String body = "{\"personalId\":\"001085000123\",\"fullName\":\"Nobody\",\"dateOfBirth\":\"1985-09-12\"}"
        + " ".repeat(40 * 1024);
    HttpResponse<String> posted = fresh.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/r1/VN/GOV/BCA/DANCU/citizen-verify"))
        .header("Authorization", "Bearer " + hub.token(HANOI)).header("X-Road-Client", HANOI)
        .header("X-Road-Issue", "HS-1").header("X-Road-Id", messageId).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(hub.awaitRecord(messageId).get("status").asInt()).isEqualTo(200);
  }
}
