package vn.lgsp.hub.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kubernetes' strategic merge patch that deploy/'s overlays use: mappings merge key by
 * key, a null removes a key, the lists of a pod template that Kubernetes merges by {@code name}
 * (containers, env, volumes) merge element by element (the patched ones first, as kustomize orders
 * them), and every other list is replaced whole (as
 * Ingress rules and custom resources' lists are). A patch touching a list that Kubernetes merges by
 * another key is refused rather than merged wrongly.
 */
final class StrategicMerge {

  /** Lists Kubernetes merges by the element's {@code name}. */
  private static final Set<String> BY_NAME = Set.of("containers", "initContainers", "env", "volumes");

  /** Lists Kubernetes merges by another key: not implemented here, so refused. */
  private static final Set<String> UNSUPPORTED = Set.of(
      "ports", "volumeMounts", "imagePullSecrets", "topologySpreadConstraints", "hostAliases", "envFrom");

  private StrategicMerge() {}

  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> merged = new LinkedHashMap<>(target);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      Object old = merged.get(key);
      if (value == null) {
        merged.remove(key);
      } else if (value instanceof Map<?, ?> && old instanceof Map<?, ?>) {
        merged.put(key, apply(Manifests.map(old), Manifests.map(value)));
      } else if (value instanceof List<?> && old instanceof List<?> && BY_NAME.contains(key)) {
        merged.put(key, mergeByName(Manifests.list(old), Manifests.list(value)));
      } else if (value instanceof List<?> && UNSUPPORTED.contains(key)) {
        throw new IllegalArgumentException("patching the list '" + key + "' is not supported by this renderer");
      } else {
        merged.put(key, value);
      }
    }
    return merged;
  }

  /** The patch's elements first (each merged into its namesake), then the others in their order, as kustomize does. */
  private static List<Object> mergeByName(List<Object> target, List<Object> patch) {
    List<Object> merged = new ArrayList<>();
    List<Object> rest = new ArrayList<>(target);
    for (Object element : patch) {
      Map<String, Object> p = Manifests.map(element);
      int at = indexOf(rest, p.get("name"));
      merged.add(at < 0 ? p : apply(Manifests.map(rest.remove(at)), p));
    }
    merged.addAll(rest);
    return merged;
  }

  private static int indexOf(List<Object> elements, Object name) {
    for (int i = 0; i < elements.size(); i++) {
      if (name != null && name.equals(Manifests.map(elements.get(i)).get("name"))) {
        return i;
      }
    }
    return -1;
  }
}
