package vn.lgsp.hub.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.TestDataDir;

/**
 * A ministry publishes a new register with files only: a connector descriptor (with its titles in
 * Vietnamese and English), a route and an access right, then a (re)start. No Java is written for it.
 */
class PublishWithoutCodeTest {

  @Test
  void aNewRestRegisterIsPublishedByDescriptorRouteAndAccessRight() throws IOException {
    WireMockServer civilStatus = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    civilStatus.start();
    civilStatus.stubFor(get(urlEqualTo("/hotich/v2/births/001085000123"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"record\":{\"registrationNo\":\"KS-1985-0042\",\"registeredAt\":\"UBND phường Tân Định\"}}")));
    Path folder = TestDataDir.create("published");
    Path connectors = Files.createDirectories(folder.resolve("connectors"));
    Path routes = Files.createDirectories(folder.resolve("routes"));
    Files.writeString(connectors.resolve("civil-status.yaml"), """
        id: civil-status
        provider: VN/GOV/BTP/HOTICH
        protocol: rest
        rest:
          baseUrl: %s
        timeouts: {connect: 1s, read: 2s}
        circuitBreaker:
          failureRateThreshold: 50
          slidingWindowSize: 10
          minimumNumberOfCalls: 5
          waitInOpenState: 10s
          permittedCallsInHalfOpenState: 1
        bulkhead: {maxConcurrentCalls: 10, maxWait: 10ms}
        operations:
          birth-record:
            title:
              vi: Tra cứu thông tin khai sinh
              en: Birth registration lookup
            description:
              vi: Số đăng ký và nơi đăng ký khai sinh của một người.
              en: A person's birth registration number and registering office.
            idempotent: true
            method: GET
            path: /hotich/v2/births/{personalId}
            input: {personalId: personal-id}
            response:
              select: record
            faults: {"404": not-found}
        """.formatted(civilStatus.baseUrl()));
    Files.writeString(routes.resolve("birth-record.yaml"), """
        - route:
            id: birth-record
            routeConfigurationId: xroad-service
            from:
              uri: platform-http:/r1/VN/GOV/BTP/HOTICH/birth-record/{personalId}
              parameters:
                httpMethodRestrict: GET
              steps:
                - to: connector:civil-status/birth-record
        """);
    try (ConfigurableApplicationContext hubContext =
        new SpringApplicationBuilder(LgspHubApplication.class)
            .run(
                "--server.port=0",
                "--hub.data-dir=" + folder.resolve("data"),
                "--hub.sandbox.enabled=false",
                "--hub.connectors.directory=" + connectors,
                "--hub.routes.directory=" + routes,
                "--hub.access.grants[0].client=" + HANOI,
                "--hub.access.grants[0].services[0].service=VN/GOV/BTP/HOTICH/birth-record")) {
      HubClient hub = new HubClient(hubContext.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
      String messageId = UUID.randomUUID().toString();
      HubClient.Response r = hub.get("/r1/VN/GOV/BTP/HOTICH/birth-record/001085000123")
          .as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId).send();

      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().get("registrationNo").asText()).isEqualTo("KS-1985-0042");
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.records(messageId).size() == 1);
      HubClient.Response listed = hub.get("/r1/VN/GOV/BTP/HOTICH/listMethods").bearer(hub.token(HANOI))
          .header("X-Road-Client", HANOI).send();
      assertThat(listed.json().get("member").findValuesAsString("serviceCode")).containsExactly("birth-record");
      // the descriptor's titles are what people read, Vietnamese unless English is asked for
      assertThat(listed.json().get("member").get(0).get("x-title").asString()).isEqualTo("Tra cứu thông tin khai sinh");
      HubClient.Response english = hub.get("/r1/VN/GOV/BTP/HOTICH/listMethods").bearer(hub.token(HANOI))
          .header("X-Road-Client", HANOI).header("Accept-Language", "en").send();
      assertThat(english.json().get("member").get(0).get("x-title").asString()).isEqualTo("Birth registration lookup");
    } finally {
      civilStatus.stop();
    }
  }
}
