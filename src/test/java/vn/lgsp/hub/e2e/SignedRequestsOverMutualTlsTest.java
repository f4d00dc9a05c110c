package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.protocol.signatures.SignatureBase;
import vn.lgsp.hub.sandbox.SandboxPki;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.SandboxTls;
import vn.lgsp.hub.support.TestDataDir;

/**
 * A consumer that authenticates with its TLS client certificate may sign its requests with that certificate's key
 * (RFC 9421, {@code keyid} the certificate's SHA-256, hex), no key registered beside it: the hub verifies the
 * signature with the certificate TLS verified, and keeps it in the record. Another consumer's certificate id is no
 * key of this connection's.
 */
class SignedRequestsOverMutualTlsTest {

  private static final String CITIZEN = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";

  private static ConfigurableApplicationContext context;
  private static Path pki;
  private static int port;

  @BeforeAll
  static void start() {
    Path dataDir = TestDataDir.create("mtls-signing-hub");
    context = new SpringApplicationBuilder(LgspHubApplication.class)
        .run("--server.port=0", "--hub.data-dir=" + dataDir, "--hub.sandbox.tls=true");
    port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    pki = dataDir.resolve("sandbox-pki");
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void aRequestSignedWithTheClientCertificatesKeyIsVerifiedWithThatCertificate() throws Exception {
    KeyStore store = SandboxPki.load(SandboxPki.clientKeystore(pki, HANOI), SandboxTls.PASSWORD.toCharArray());
    String alias = store.aliases().nextElement();
    PrivateKey key = (PrivateKey) store.getKey(alias, SandboxTls.PASSWORD.toCharArray());
    X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(SandboxTls.context(pki, HANOI)).build();
    String token = new HubClient(port, SandboxTls.context(pki, HANOI)).token(HANOI);

    String messageId = UUID.randomUUID().toString();
    HttpResponse<String> served = http.send(signed(key, TrustedKeys.keyId(certificate), token, messageId),
        HttpResponse.BodyHandlers.ofString());
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    JsonNode record = new HubClient(port, SandboxTls.context(pki, null)).awaitRecord(messageId);
    assertThat(record.path("requestSignature").asString("")).contains("keyid=\"" + TrustedKeys.keyId(certificate) + "\"");

    // the certificate of another consumer is no key of this connection's
    KeyStore other = SandboxPki.load(SandboxPki.clientKeystore(pki, HubClient.HCMC), SandboxTls.PASSWORD.toCharArray());
    X509Certificate hcmc = (X509Certificate) other.getCertificate(other.aliases().nextElement());
    HttpResponse<String> refused = http.send(signed(key, TrustedKeys.keyId(hcmc), token, UUID.randomUUID().toString()),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(refused.headers().firstValue("X-Road-Error")).hasValue("Client.InvalidSignature");
  }

  private static HttpRequest signed(PrivateKey key, String keyId, String token, String messageId) {
    SignatureBase base = new SignatureBase(Instant.now().getEpochSecond(), keyId, SignatureAlgorithms.of(key))
        .cover("@method", "GET").cover("@path", CITIZEN).cover("x-road-client", HANOI).cover("x-road-issue", "HS-1");
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + CITIZEN))
        .header("Authorization", "Bearer " + token).header("X-Road-Client", HANOI).header("X-Road-Issue", "HS-1")
        .header("X-Road-Id", messageId).header("Signature-Input", "sig1=" + base.parameters())
        .header("Signature", "sig1=:" + Base64.getEncoder().encodeToString(SignatureAlgorithms.sign(key, base.bytes())) + ":")
        .build();
  }
}
