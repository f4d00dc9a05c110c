package vn.lgsp.hub.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a hub started by deploy/ runs with, as Spring Boot layers them for the prod profile:
 * the jar's application.yaml, then ./config/application.yaml, then ./config/application-prod.yaml
 * (deploy/base/config/, the ConfigMap's files), then the container's environment.
 */
final class HubSettings {

  static final List<Path> FILES = List.of(Path.of("src/main/resources/application.yaml"),
      Manifests.BASE.resolve("config/application.yaml"), Manifests.BASE.resolve("config/application-prod.yaml"));

  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final Map<String, Object> environment;

  HubSettings(Map<String, Object> environment) {
    for (Path file : FILES) {
      flatten("", Manifests.read(file), properties);
    }
    this.environment = environment;
  }

  /** A setting by its property name ({@code server.port}), the environment first. */
  Optional<String> get(String property) {
    String variable = property.toUpperCase(java.util.Locale.ROOT).replace("-", "").replace('.', '_');
    if (environment.get(variable) instanceof String value) {
      return Optional.of(value);
    }
    return Optional.ofNullable(properties.get(property)).map(String::valueOf);
  }

  String require(String property) {
    return get(property).orElseThrow(() -> new AssertionError(property + " is not set in " + FILES));
  }

  /** Every key of a YAML mapping as a dotted property name; lists end a key. */
  static Map<String, Object> flatten(String prefix, Map<String, Object> yaml, Map<String, Object> into) {
    for (Map.Entry<String, Object> e : yaml.entrySet()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        flatten(key, Manifests.map(nested), into);
      } else {
        into.put(key, e.getValue());
      }
    }
    return into;
  }
}
