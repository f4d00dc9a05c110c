package vn.lgsp.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The backend path: inputs are URL-encoded whole, so none can add a segment or a query. */
class RestConnectorPathTest {

  @Test
  void inputsAreEncodedWhole() {
    assertThat(RestConnector.expand("/tax/v1/taxpayers/{taxId}", Map.of("taxId", "0101234567")))
        .isEqualTo("/tax/v1/taxpayers/0101234567");
    assertThat(RestConnector.expand("/a/{x}/b", Map.of("x", "../c?d=e&f#g h/%")))
        .isEqualTo("/a/..%2Fc%3Fd%3De%26f%23g%20h%2F%25/b");
    assertThat(RestConnector.expand("/a/{x}", Map.of("x", "Hồ"))).isEqualTo("/a/H%E1%BB%93");
  }

  @Test
  void anUndeclaredInputIsRefused() {
    assertThatThrownBy(() -> RestConnector.expand("/a/{x}/{y}", Map.of("x", "1")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'y'");
  }
}
