package vn.lgsp.hub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.connectors.ResilienceFactory;

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
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
        .extensions(new RegisterSignature()));
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

  /**
   * A JSON answer {@code sent} that the register signs ({@link RegisterSignature}) with {@code keyPem} (PKCS#8), bound
   * to the request; {@code signed} is the body it signed and {@code age} how long ago.
   */
  protected static ResponseDefinitionBuilder signedJson(String signed, String sent, String keyPem, int age) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(sent)
        .withTransformers(RegisterSignature.NAME).withTransformerParameter("key", keyPem)
        .withTransformerParameter("signedBody", signed).withTransformerParameter("age", age);
  }

  /** The sandbox bank's answer signing key (PKCS#8, PEM): the one whose certificate the bank's descriptor names. */
  protected String bankAnswerKey() {
    return bankAnswerKey;
  }

  @BeforeEach
  void resetBackendAndBreakers() {
    BACKEND.resetAll();
    hub = new HubClient(port);
    resilience.breakers().getAllCircuitBreakers().forEach(b -> b.reset());
  }
}
