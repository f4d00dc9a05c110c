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

/** Each operation's title and description, in Vietnamese and English, are required: the start fails naming file and field. */
class ConnectorDescriptorTextsTest {

  private static final String TITLE = "    title: {vi: Tra cứu thửa đất, en: Land parcel lookup}\n";
  private static final String DESCRIPTION = "    description: {vi: Các thửa đất của một người., en: A person's land parcels.}\n";

  private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

  @AfterEach
  void close() {
    validation.close();
  }

  private ConnectorRegistry load(String texts) throws IOException {
    Path directory = TestDataDir.create("descriptor-texts");
    Files.writeString(directory.resolve("land-register.yaml"), """
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
        operations:
          parcel:
        %s    idempotent: true
            method: GET
            path: /parcels/{personalId}
            input: {personalId: personal-id}
            response: {}
        """.formatted(texts));
    return new ConnectorRegistry(new ConnectorProperties(directory), new MockEnvironment(), validation.getValidator(),
        new ResilienceFactory(), new ObjectMapper(), Clock.systemUTC());
  }

  @Test
  void readsBothLanguagesWithTheirDiacritics() throws IOException {
    ConnectorDescriptor.Operation parcel =
        load(TITLE + DESCRIPTION).get("land-register").descriptor().operations().get("parcel");
    assertThat(parcel.title().vi()).isEqualTo("Tra cứu thửa đất");
    assertThat(parcel.title().en()).isEqualTo("Land parcel lookup");
    assertThat(parcel.description().vi()).isEqualTo("Các thửa đất của một người.");
  }

  @Test
  void aMissingTitleOrDescriptionStopsTheStartNamingFileAndField() {
    assertThatThrownBy(() -> load(DESCRIPTION)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("land-register.yaml is invalid").hasMessageContaining("operations[parcel].title must not be null");
    assertThatThrownBy(() -> load(TITLE)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("land-register.yaml is invalid")
        .hasMessageContaining("operations[parcel].description must not be null");
  }

  @Test
  void aMissingOrBlankLanguageStopsTheStartNamingIt() {
    assertThatThrownBy(() -> load("    title: {vi: Tra cứu thửa đất}\n" + DESCRIPTION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("land-register.yaml is invalid").hasMessageContaining("operations[parcel].title.en must not be blank");
    assertThatThrownBy(() -> load(TITLE + "    description: {vi: ' ', en: A person's land parcels.}\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("land-register.yaml is invalid")
        .hasMessageContaining("operations[parcel].description.vi must not be blank");
  }

  @Test
  void aThirdLanguageIsNoPlaceForATypo() {
    assertThatThrownBy(() -> load("    title: {vi: Tra cứu thửa đất, en: Land parcel lookup, vn: Tra cuu}\n" + DESCRIPTION))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("land-register.yaml is invalid")
        .hasMessageContaining("vn");
  }
}
