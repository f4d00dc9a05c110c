package vn.lgsp.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.support.TestDataDir;

/** {@code maxResponseSize} in a connector descriptor: its default, its notation and its bounds. */
class ConnectorDescriptorLimitTest {

  private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

  @AfterEach
  void close() {
    validation.close();
  }

  private static String descriptor(String maxResponseSize) {
    return """
        id: land-register
        provider: VN/GOV/BTNMT/DATDAI
        protocol: rest
        rest:
          baseUrl: http://127.0.0.1:9/
        timeouts: {connect: 1s, read: 2s}
        circuitBreaker:
          failureRateThreshold: 50
          slidingWindowSize: 10
          minimumNumberOfCalls: 5
          waitInOpenState: 10s
          permittedCallsInHalfOpenState: 1
        bulkhead: {maxConcurrentCalls: 10, maxWait: 10ms}
        %s
        operations:
          parcel:
            title: {vi: Tra cứu thửa đất, en: Land parcel lookup}
            description: {vi: Thửa đất đứng tên một người., en: The land parcels held by a person.}
            idempotent: true
            method: GET
            path: /parcels/{personalId}
            input: {personalId: personal-id}
            response: {}
        """.formatted(maxResponseSize == null ? "" : "maxResponseSize: " + maxResponseSize);
  }

  private ConnectorDescriptor load(String maxResponseSize) throws IOException {
    Path directory = TestDataDir.create("descriptor-limit");
    Files.writeString(directory.resolve("land-register.yaml"), descriptor(maxResponseSize));
    ConnectorRegistry registry = new ConnectorRegistry(new ConnectorProperties(directory), new MockEnvironment(),
        validation.getValidator(), new ResilienceFactory(), new ObjectMapper(), Clock.systemUTC());
    return registry.get("land-register").descriptor();
  }

  @Test
  void defaultsToTwoMebibytes() throws IOException {
    assertThat(load(null).maxResponseSize().toBytes()).isEqualTo(2L * 1024 * 1024);
  }

  @Test
  void readsSpringsSizeNotation() throws IOException {
    assertThat(load("512KB").maxResponseSize().toBytes()).isEqualTo(512L * 1024);
    assertThat(load("8MB").maxResponseSize().toBytes()).isEqualTo(8L * 1024 * 1024);
  }

  @Test
  void refusesSizesOutsideItsBoundsOrUnreadable() {
    for (String bad : new String[] {"0", "-1MB", "512B", "1GB"}) {
      assertThatThrownBy(() -> load(bad)).as(bad).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("land-register.yaml is invalid").hasMessageContaining("maxResponseSize");
    }
    assertThatThrownBy(() -> load("lots")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("land-register.yaml is invalid");
  }
}
