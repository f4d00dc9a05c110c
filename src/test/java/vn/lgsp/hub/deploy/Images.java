package vn.lgsp.hub.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** kustomize's {@code images} entry: a new name and tag for the containers running an image. */
final class Images {

  private Images() {}

  static Map<String, Object> set(Map<String, Object> object, Map<String, Object> image) {
    if (!"Deployment".equals(Manifests.kind(object))) {
      return object;
    }
    Map<String, Object> retagged = object;
    for (String field : List.of("containers", "initContainers")) {
      String path = "spec.template.spec." + field;
      if (Manifests.at(object, path).isPresent()) {
        List<Object> containers = new ArrayList<>();
        for (Object c : Manifests.list(Manifests.at(object, path).get())) {
          containers.add(retag(Manifests.map(c), image));
        }
        retagged = Manifests.with(retagged, path, containers);
      }
    }
    return retagged;
  }

  private static Map<String, Object> retag(Map<String, Object> container, Map<String, Object> image) {
    String current = String.valueOf(container.get("image"));
    int colon = current.lastIndexOf(':');
    boolean tagged = colon > current.lastIndexOf('/');
    String name = tagged ? current.substring(0, colon) : current;
    if (!name.equals(image.get("name"))) {
      return container;
    }
    String newName = String.valueOf(image.getOrDefault("newName", name));
    Object tag = image.containsKey("newTag") ? image.get("newTag") : tagged ? current.substring(colon + 1) : null;
    Map<String, Object> retagged = new LinkedHashMap<>(container);
    retagged.put("image", tag == null ? newName : newName + ":" + tag);
    return retagged;
  }
}
