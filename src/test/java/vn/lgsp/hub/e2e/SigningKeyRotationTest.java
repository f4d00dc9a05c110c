package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.protocol.signatures.AnswerVerifier;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * A rotation of the hub's signing key breaks no earlier signature: an answer signed before it still verifies
 * against the key set the hub publishes after it (the earlier key listed by its id, after the new one), and
 * answers after it are signed with the new key.
 */
class SigningKeyRotationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CITIZEN = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";

  @Test
  void anAnswerSignedBeforeARotationStillVerifiesWithThePublishedKeys() throws Exception {
    Path dataDir = TestDataDir.create("rotation-hub");
    Path keystore = dataDir.resolve("keys").resolve("exchange-log-seal.p12");
    Saved before;
    String oldKeyId;
    try (ConfigurableApplicationContext hub = start(dataDir)) {
      HubClient client = new HubClient(port(hub));
      before = call(client);
      JsonNode keys = keys(client);
      assertThat(keys.size()).isEqualTo(1);
      oldKeyId = keys.get(0).get("kid").asString();
      Files.writeString(dataDir.resolve("old-signing.pem"), TrustedKeys.pem(certificate(keys.get(0))));
    }
    // the operator rotates: a new key, the old certificate kept as trusted
    Files.move(keystore, dataDir.resolve("retired-seal.p12"));
    try (ConfigurableApplicationContext hub = start(dataDir,
        "--hub.audit.seal.trusted-certificates=" + dataDir.resolve("old-signing.pem"))) {
      HubClient client = new HubClient(port(hub));
      JsonNode keys = keys(client);
      assertThat(keys.size()).isEqualTo(2);
      String newKeyId = keys.get(0).get("kid").asString();
      assertThat(newKeyId).isNotEqualTo(oldKeyId);
      assertThat(keys.get(1).get("kid").asString()).isEqualTo(oldKeyId);

      assertThat(verify(before, keys, oldKeyId).verdict()).isEqualTo(AnswerVerifier.Verdict.VERIFIED);
      assertThat(verify(before, keys, newKeyId).verdict()).as("not by the new key").isEqualTo(AnswerVerifier.Verdict.NOT_VERIFIED);
      Saved after = call(client);
      assertThat(after.headers()).contains("keyid=\"" + newKeyId + "\"");
      assertThat(verify(after, keys, newKeyId).verdict()).isEqualTo(AnswerVerifier.Verdict.VERIFIED);
    }
  }

  private record Saved(String headers, byte[] body) {}

  private static Saved call(HubClient client) {
    HubClient.Response answer = client.get(CITIZEN).as(HANOI, client.token(HANOI)).header("X-Road-Issue", "HS-1").send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    StringBuilder dump = new StringBuilder("HTTP/1.1 200\r\n");
    for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
      if (header.getKey() != null) {
        header.getValue().forEach(value -> dump.append(header.getKey()).append(": ").append(value).append("\r\n"));
      }
    }
    return new Saved(dump.toString(), answer.body().getBytes(StandardCharsets.UTF_8));
  }

  private static AnswerVerifier.Result verify(Saved answer, JsonNode keys, String keyId) throws Exception {
    for (JsonNode key : keys) {
      if (key.get("kid").asString().equals(keyId)) {
        return AnswerVerifier.verify(answer.headers(), answer.body(), certificate(key).getPublicKey(), keyId);
      }
    }
    throw new AssertionError("no published key " + keyId);
  }

  private static JsonNode keys(HubClient client) {
    HubClient.Response set = client.get("/.well-known/http-message-signatures-directory").send();
    assertThat(set.status()).isEqualTo(200);
    return JSON.readTree(set.body()).get("keys");
  }

  private static X509Certificate certificate(JsonNode jwk) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Base64.getDecoder().decode(jwk.get("x5c").get(0).asString())));
  }

  private static ConfigurableApplicationContext start(Path dataDir, String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "--server.port=0";
    args[1] = "--hub.data-dir=" + dataDir;
    System.arraycopy(more, 0, args, 2, more.length);
    return new SpringApplicationBuilder(LgspHubApplication.class).run(args);
  }

  private static int port(ConfigurableApplicationContext hub) {
    return hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }
}
