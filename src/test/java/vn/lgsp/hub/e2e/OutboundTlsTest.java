package vn.lgsp.hub.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.sandbox.SandboxPki;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * A register reached over TLS that also asks for the hub's client certificate: the connector
 * descriptor names the register's CA and the hub's certificate. Without them the call fails as a
 * provider problem, never silently over an untrusted channel.
 */
class OutboundTlsTest {

  private static final String PASSWORD = "test-pki-password";

  private static String descriptor(String id, String baseUrl, String tls) {
    return """
        id: %s
        provider: VN/GOV/BTP/HOTICH
        protocol: rest
        rest:
          baseUrl: %s
        timeouts: {connect: 1s, read: 2s}
        %s
        circuitBreaker:
          failureRateThreshold: 50
          slidingWindowSize: 10
          minimumNumberOfCalls: 5
          waitInOpenState: 10s
          permittedCallsInHalfOpenState: 1
        bulkhead: {maxConcurrentCalls: 10, maxWait: 10ms}
        operations:
          birth-record:
            title: {vi: Tra cứu thông tin khai sinh, en: Birth record lookup}
            description: {vi: Bản ghi khai sinh của một người., en: A person's birth record.}
            idempotent: true
            method: GET
            path: /hotich/v2/births/{personalId}
            input: {personalId: personal-id}
            response: {}
        """.formatted(id, baseUrl, tls);
  }

  private static String route(String id, String service, String connector) {
    return """
        - route:
            id: %s
            routeConfigurationId: xroad-service
            from:
              uri: platform-http:/r1/VN/GOV/BTP/HOTICH/%s/{personalId}
              parameters:
                httpMethodRestrict: GET
              steps:
                - to: connector:%s/birth-record
        """.formatted(id, service, connector);
  }

  @Test
  void aRegisterOverMutualTlsIsReachedOnlyWithItsTrustAndTheHubsCertificate() throws Exception {
    Path folder = TestDataDir.create("outbound-tls");
    Path pki = folder.resolve("pki");
    SandboxPki.ensure(pki, PASSWORD.toCharArray());
    WireMockServer register = new WireMockServer(wireMockConfig().dynamicHttpsPort().httpDisabled(true)
        .bindAddress("127.0.0.1")
        .keystorePath(pki.resolve(SandboxPki.SERVER).toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
        .keystoreType("PKCS12")
        .needClientAuth(true)
        .trustStorePath(pki.resolve(SandboxPki.TRUST).toString()).trustStorePassword(PASSWORD).trustStoreType("PKCS12"));
    register.start();
    register.stubFor(get(urlPathMatching("/hotich/v2/births/.*")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"registrationNo\":\"KS-1985-0042\"}")));
    Path connectors = Files.createDirectories(folder.resolve("connectors"));
    Path routes = Files.createDirectories(folder.resolve("routes"));
    Files.copy(pki.resolve(SandboxPki.TRUST), connectors.resolve("hotich-ca.p12"));
    Files.copy(SandboxPki.clientKeystore(pki, HANOI), connectors.resolve("hub-client.p12"));
    String url = "https://127.0.0.1:" + register.httpsPort();
    Files.writeString(connectors.resolve("civil-status.yaml"), descriptor("civil-status", url, """
        tls:
          truststore: hotich-ca.p12
          truststorePassword: ${test.pki-password}
          keystore: hub-client.p12
          keystorePassword: ${test.pki-password}"""));
    Files.writeString(connectors.resolve("civil-status-untrusted.yaml"), descriptor("civil-status-untrusted", url, ""));
    Files.writeString(routes.resolve("birth-record.yaml"), route("birth-record", "birth-record", "civil-status"));
    Files.writeString(routes.resolve("birth-record-untrusted.yaml"),
        route("birth-record-untrusted", "birth-record-untrusted", "civil-status-untrusted"));
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LgspHubApplication.class).run(
        "--server.port=0", "--hub.data-dir=" + folder.resolve("data"), "--hub.sandbox.enabled=false",
        "--test.pki-password=" + PASSWORD,
        "--hub.connectors.directory=" + connectors, "--hub.routes.directory=" + routes,
        "--hub.access.grants[0].client=" + HANOI,
        "--hub.access.grants[0].services[0].service=VN/GOV/BTP/HOTICH/birth-record",
        "--hub.access.grants[0].services[1].service=VN/GOV/BTP/HOTICH/birth-record-untrusted")) {
      HubClient hub = new HubClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
      HubClient.Response trusted = hub.get("/r1/VN/GOV/BTP/HOTICH/birth-record/001085000123").as(HANOI, hub.token(HANOI))
          .send();
      assertThat(trusted.status()).as(trusted.body()).isEqualTo(200);
      assertThat(trusted.json().get("registrationNo").asText()).isEqualTo("KS-1985-0042");

      HubClient.Response untrusted = hub.get("/r1/VN/GOV/BTP/HOTICH/birth-record-untrusted/001085000123")
          .as(HANOI, hub.token(HANOI)).send();
      assertThat(untrusted.status()).isEqualTo(503);
      assertThat(untrusted.json().get("type").asText()).startsWith("Server.Provider.");
      assertThat(untrusted.body()).doesNotContain("PKIX").doesNotContain("certificate");
    } finally {
      register.stop();
    }
  }
}
