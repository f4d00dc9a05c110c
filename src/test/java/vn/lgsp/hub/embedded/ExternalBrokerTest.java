package vn.lgsp.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** One setting turns the embedded broker off; the hub's own defaults cannot turn it back on. */
class ExternalBrokerTest {

  private static MockEnvironment hubDefaults() {
    return new MockEnvironment().withProperty("spring.artemis.mode", "embedded")
        .withProperty("spring.artemis.embedded.enabled", "true");
  }

  @Test
  void withoutABrokerUrlTheEmbeddedBrokerStays() {
    MockEnvironment env = hubDefaults();
    new ExternalBroker().postProcessEnvironment(env, null);
    assertThat(env.getProperty("spring.artemis.mode")).isEqualTo("embedded");
    assertThat(env.getProperty("spring.artemis.embedded.enabled")).isEqualTo("true");
  }

  @Test
  void aBrokerUrlMeansNativeModeAndNoEmbeddedBroker() {
    MockEnvironment env = hubDefaults().withProperty(ExternalBroker.URL, "(tcp://a:61616,tcp://b:61616)?ha=true");
    new ExternalBroker().postProcessEnvironment(env, null);
    assertThat(env.getProperty("spring.artemis.mode")).isEqualTo("native");
    assertThat(env.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
  }

  @Test
  void nativeModeAloneTurnsTheEmbeddedBrokerOff() {
    MockEnvironment env = hubDefaults().withProperty("spring.artemis.mode", "NATIVE");
    new ExternalBroker().postProcessEnvironment(env, null);
    assertThat(env.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
  }

  @Test
  void aUrlThatDoesNotWaitForTheBrokerIsRefused() {
    MockEnvironment env = hubDefaults().withProperty(ExternalBroker.URL, "tcp://a:61616?ha=true&blockOnDurableSend=false");
    assertThatThrownBy(() -> new ExternalBroker().postProcessEnvironment(env, null))
        .hasMessageContaining(ExternalBroker.URL).hasMessageContaining("blockOnDurableSend=false");
  }
}
