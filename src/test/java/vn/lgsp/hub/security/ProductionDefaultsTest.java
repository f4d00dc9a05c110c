package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/** What the engine's defaults say before any profile: closed, the sandbox opening only for itself. */
class ProductionDefaultsTest {

  private static Object property(PropertySource<?> source, String name) {
    return source.getProperty(name);
  }

  @Test
  void theSoapServiceListIsHiddenExceptInTheSandbox() throws IOException {
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    PropertySource<?> engine = yaml.load("engine", new ClassPathResource("application.yaml")).get(0);
    PropertySource<?> sandbox = yaml.load("sandbox", new FileSystemResource("config/application-sandbox.yaml")).get(0);
    assertThat(property(engine, "cxf.servlet.init.hide-service-list-page")).isEqualTo(true);
    assertThat(property(sandbox, "cxf.servlet.init.hide-service-list-page")).isEqualTo(false);
  }
}
