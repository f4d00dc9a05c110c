package vn.lgsp.hub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.connectors.ResilienceFactory;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.protocol.signatures.SignatureBase;

/**
 * Base of route tests: one hub whose connectors all point at one WireMock server standing in for
 * the other agencies' backends (the sandbox registers are off). One WireMock for the whole test
 * JVM, so that every subclass shares the hub's Spring context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hub.sandbox.enabled=false",
      "hub.secrets.vcb-signing-key=" + WireMockBackendsTest.SIGNING_KEY,
      "hub.connectors.population-register.read-timeout=1500ms",
      "hub.connectors.population-register.breaker-minimum-calls=4",
      "hub.connectors.population-register.breaker-open-for=60s",
      "hub.connectors.tax-register.read-timeout=1500ms",
      "hub.connectors.tax-register.breaker-minimum-calls=4",
      "hub.connectors.tax-register.breaker-open-for=60s"
    })
public abstract class WireMockBackendsTest {

  public static final String SIGNING_KEY = "test-signing-key-0123456789";

  protected static final WireMockServer BACKEND = startBackend();

  private static WireMockServer startBackend() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> TestDataDir.create("route").toString());
    registry.add("hub.endpoints.population-register", () -> BACKEND.baseUrl() + "/population-register");
    registry.add("hub.endpoints.tax-register", BACKEND::baseUrl);
    registry.add("hub.endpoints.social-insurance", BACKEND::baseUrl);
    registry.add("hub.endpoints.vcb-accounts", BACKEND::baseUrl);
  }

  @LocalServerPort protected int port;
  @Value("${hub.sandbox.vcb-accounts.answer-signing-key}") private String bankAnswerKey;
  @Autowired protected ResilienceFactory resilience;

  protected HubClient hub;

  /** The sandbox bank's answer signing key: the one whose certificate the hub's bank descriptor names. */
  protected PrivateKey bankAnswerKey() throws GeneralSecurityException {
    byte[] der = Base64.getMimeDecoder().decode(bankAnswerKey.replaceAll("-----[A-Z ]+-----", ""));
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /**
   * A JSON answer signed as a register signs (RFC 9421: status, content type and digest, created {@code created}),
   * with {@code key}; its body then {@code sent}, which may differ from the {@code signed} one.
   */
  protected static ResponseDefinitionBuilder signedJson(String signed, String sent, PrivateKey key, long created) {
    String digest = ContentDigest.sha256(signed.getBytes(StandardCharsets.UTF_8));
    SignatureBase base = new SignatureBase(created, "test-register", SignatureAlgorithms.of(key))
        .cover("@status", "200").cover("content-type", "application/json").cover("content-digest", digest);
    return aResponse().withHeader("Content-Type", "application/json").withHeader("Content-Digest", digest)
        .withHeader("Signature-Input", "reg=" + base.parameters())
        .withHeader("Signature", "reg=:" + Base64.getEncoder().encodeToString(SignatureAlgorithms.sign(key, base.bytes())) + ":")
        .withBody(sent);
  }

  @BeforeEach
  void resetBackendAndBreakers() {
    BACKEND.resetAll();
    hub = new HubClient(port);
    resilience.breakers().getAllCircuitBreakers().forEach(b -> b.reset());
  }
}
