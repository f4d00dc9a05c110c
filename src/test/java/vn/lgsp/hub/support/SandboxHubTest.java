package vn.lgsp.hub.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of end-to-end tests against one hub in its embedded sandbox default, on a random port and
 * its own data directory. Subclasses share the running hub (one Spring test context).
 */
// the hub as it runs: Spring Boot tests otherwise swap Prometheus for an in-memory registry
@AutoConfigureMetrics
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // seal often, so that tests see seals without waiting
    // and no sandbox events on a schedule: the event tests publish their own
    properties = {"hub.audit.seal.every-records=5", "hub.audit.seal.every=1s", "hub.sandbox.events.enabled=false"})
public abstract class SandboxHubTest {

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> TestDataDir.create("sandbox-hub").toString());
  }

  @LocalServerPort protected int port;

  protected HubClient hub;

  @BeforeEach
  void client() {
    hub = new HubClient(port);
  }
}
