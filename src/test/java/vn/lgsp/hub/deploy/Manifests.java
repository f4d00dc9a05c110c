package vn.lgsp.hub.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes manifests as plain maps, the way kubectl reads them (YAML 1.1, several documents per
 * file), with small accessors for the tests.
 */
final class Manifests {

  static final Path DEPLOY = Path.of("deploy");
  static final Path BASE = DEPLOY.resolve("base");
  static final Path PRODUCTION = DEPLOY.resolve("overlays/production");
  static final Path MONITORING = DEPLOY.resolve("monitoring");

  private Manifests() {}

  /** Every document of a YAML file (or of a text), empty documents left out. */
  static List<Map<String, Object>> parseAll(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 * 1024 * 1024);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
      if (document != null) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  static List<Map<String, Object>> readAll(Path file) {
    return parseAll(text(file));
  }

  static Map<String, Object> read(Path file) {
    List<Map<String, Object>> all = readAll(file);
    if (all.size() != 1) {
      throw new IllegalArgumentException(file + ": expected one YAML document, found " + all.size());
    }
    return all.get(0);
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a mapping, found " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    if (!(value instanceof List<?>)) {
      throw new IllegalArgumentException("expected a list, found " + value);
    }
    return (List<Object>) value;
  }

  /** The value at a dotted path ({@code spec.template.spec}), if every step exists. */
  static Optional<Object> at(Map<String, Object> root, String path) {
    Object current = root;
    for (String step : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> m) || !m.containsKey(step)) {
        return Optional.empty();
      }
      current = m.get(step);
    }
    return Optional.ofNullable(current);
  }

  /** A copy of {@code root} with {@code value} at the dotted path, the mappings on the way copied or created. */
  static Map<String, Object> with(Map<String, Object> root, String path, Object value) {
    int dot = path.indexOf('.');
    Map<String, Object> copy = new LinkedHashMap<>(root);
    if (dot < 0) {
      copy.put(path, value);
    } else {
      String step = path.substring(0, dot);
      Map<String, Object> next = root.get(step) instanceof Map<?, ?> ? map(root.get(step)) : Map.of();
      copy.put(step, with(next, path.substring(dot + 1), value));
    }
    return copy;
  }

  static String kind(Map<String, Object> object) {
    return String.valueOf(object.get("kind"));
  }

  static String name(Map<String, Object> object) {
    return at(object, "metadata.name").map(String::valueOf).orElse("?");
  }

  /** {@code Kind/name}: how a test names an object. */
  static String id(Map<String, Object> object) {
    return kind(object) + "/" + name(object);
  }

  static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(kind(o)) && Objects.equals(name, name(o)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " among " + objects.stream().map(Manifests::id).toList()));
  }

  /** The one container of a Deployment's pod template named {@code name}. */
  static Map<String, Object> container(Map<String, Object> deployment, String name) {
    return list(at(deployment, "spec.template.spec.containers").orElseThrow()).stream()
        .map(Manifests::map)
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id(deployment) + " has no container " + name));
  }
}
