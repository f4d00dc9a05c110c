package vn.lgsp.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** getOpenAPI's choice between JSON and YAML by the caller's Accept, quality values included. */
class YamlNegotiationTest {

  @Test
  void yamlOnlyWhenPreferredToJson() {
    assertThat(Directory.asksForYaml("text/yaml")).isTrue();
    assertThat(Directory.asksForYaml("application/yaml")).isTrue();
    assertThat(Directory.asksForYaml("application/json;q=0.1, text/yaml")).isTrue();
    assertThat(Directory.asksForYaml("text/yaml;q=0.5, application/json;q=0.9")).isFalse();
    assertThat(Directory.asksForYaml("text/yaml;q=0, application/json")).isFalse();
    assertThat(Directory.asksForYaml("application/json, text/yaml")).isFalse();
    assertThat(Directory.asksForYaml("*/*")).isFalse();
    assertThat(Directory.asksForYaml("text/html, text/yaml;q=0.8")).isTrue();
    assertThat(Directory.asksForYaml(null)).isFalse();
    assertThat(Directory.asksForYaml("not a media type")).isFalse();
  }
}
