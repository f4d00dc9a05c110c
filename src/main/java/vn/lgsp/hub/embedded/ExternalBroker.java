package vn.lgsp.hub.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An external broker replaces the embedded one with one setting: when {@code spring.artemis.broker-url}
 * is set (or {@code spring.artemis.mode=native}), the hub connects to it and starts no broker of its own.
 * Spring Boot alone would still start the embedded server (it starts whenever
 * {@code spring.artemis.embedded.enabled}, true in the hub's defaults) and, with the hub's
 * {@code mode: embedded}, would even ignore the URL. A URL that turns off blocking durable sends is
 * refused: the hub answers only after the broker has stored the record.
 */
public class ExternalBroker implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE = "external-broker";
  static final String URL = "spring.artemis.broker-url";

  private static final Pattern NO_BLOCKING_DURABLE_SEND =
      Pattern.compile("[?&]blockOnDurableSend=false(&|$)", Pattern.CASE_INSENSITIVE);

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    String url = env.getProperty(URL, "");
    boolean nativeMode = "native".equals(env.getProperty("spring.artemis.mode", "").toLowerCase(Locale.ROOT));
    if (url.isBlank() && !nativeMode) {
      return;
    }
    if (NO_BLOCKING_DURABLE_SEND.matcher(url).find()) {
      throw new IllegalStateException(URL + " sets blockOnDurableSend=false: a record must be stored by the broker"
          + " before the hub answers");
    }
    env.getPropertySources().addFirst(new MapPropertySource(SOURCE,
        Map.of("spring.artemis.mode", "native", "spring.artemis.embedded.enabled", "false")));
  }

  /** After the configuration files are read. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
