package vn.lgsp.hub.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the features deploy/ uses and no
 * others: {@code resources} (files and directories holding a kustomization), {@code namespace},
 * {@code configMapGenerator} from files with {@code generatorOptions} (fixed names and labels),
 * {@code images} and {@code patches} (strategic merge, {@link StrategicMerge}). Any other field is
 * refused, so the renderer never silently ignores what kustomize would do. Where kubectl is
 * installed, DeployManifestsTest compares the two.
 */
final class Kustomize {

  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources",
      "generatorOptions", "configMapGenerator", "images", "patches");

  private Kustomize() {}

  static List<Map<String, Object>> build(Path dir) {
    return build(dir, Manifests.read(dir.resolve("kustomization.yaml")));
  }

  static List<Map<String, Object>> build(Path dir, Map<String, Object> kustomization) {
    for (String field : kustomization.keySet()) {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + field + "' is not supported by this renderer");
      }
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object resource : list(kustomization, "resources")) {
      Path path = dir.resolve(String.valueOf(resource)).normalize();
      objects.addAll(Files.isDirectory(path) ? build(path) : Manifests.readAll(path));
    }
    objects.addAll(configMaps(dir, kustomization));
    for (Object p : list(kustomization, "patches")) {
      objects = patch(objects, dir, Manifests.map(p));
    }
    List<Map<String, Object>> rendered = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      Map<String, Object> o = object;
      if (kustomization.containsKey("namespace")) {
        o = Manifests.with(o, "metadata.namespace", kustomization.get("namespace"));
      }
      for (Object image : list(kustomization, "images")) {
        o = Images.set(o, Manifests.map(image));
      }
      rendered.add(o);
    }
    return rendered;
  }

  private static List<Object> list(Map<String, Object> kustomization, String field) {
    return kustomization.containsKey(field) ? Manifests.list(kustomization.get(field)) : List.of();
  }

  private static List<Map<String, Object>> configMaps(Path dir, Map<String, Object> kustomization) {
    Map<String, Object> options = Manifests.map(kustomization.getOrDefault("generatorOptions", Map.of()));
    List<Object> generators = list(kustomization, "configMapGenerator");
    if (!generators.isEmpty() && !Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
      throw new IllegalArgumentException(dir + ": name suffix hashes are not supported by this renderer");
    }
    List<Map<String, Object>> configMaps = new ArrayList<>();
    for (Object g : generators) {
      Map<String, Object> generator = Manifests.map(g);
      Map<String, Object> data = new LinkedHashMap<>();
      for (Object file : Manifests.list(generator.get("files"))) {
        Path path = dir.resolve(String.valueOf(file));
        data.put(path.getFileName().toString(), Manifests.text(path));
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", generator.get("name"));
      if (options.containsKey("labels")) {
        metadata.put("labels", options.get("labels"));
      }
      Map<String, Object> configMap = new LinkedHashMap<>();
      configMap.put("apiVersion", "v1");
      configMap.put("kind", "ConfigMap");
      configMap.put("metadata", metadata);
      configMap.put("data", data);
      configMaps.add(configMap);
    }
    return configMaps;
  }

  private static List<Map<String, Object>> patch(List<Map<String, Object>> objects, Path dir, Map<String, Object> entry) {
    if (!entry.keySet().equals(Set.of("path"))) {
      throw new IllegalArgumentException(dir + ": only patches given by 'path' are supported, not " + entry.keySet());
    }
    Map<String, Object> patch = Manifests.read(dir.resolve(String.valueOf(entry.get("path"))));
    List<Map<String, Object>> patched = new ArrayList<>();
    boolean found = false;
    for (Map<String, Object> object : objects) {
      if (Manifests.id(object).equals(Manifests.id(patch))) {
        patched.add(StrategicMerge.apply(object, patch));
        found = true;
      } else {
        patched.add(object);
      }
    }
    if (!found) {
      throw new IllegalArgumentException(dir + "/" + entry.get("path") + ": no " + Manifests.id(patch) + " to patch");
    }
    return patched;
  }
}
