package vn.lgsp.hub.rights;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields a service's answer has, as a right names them: each property of the answer's JSON Schema,
 * and each nested property as a dotted path ({@code permanentAddress.province}); an array's items count
 * as the array's own properties.
 */
final class ServiceFields {

  private ServiceFields() {}

  static Set<String> of(Map<String, Object> schema) {
    Set<String> paths = new LinkedHashSet<>();
    collect(schema, "", paths);
    return paths;
  }

  private static void collect(Object schema, String prefix, Set<String> paths) {
    if (!(schema instanceof Map<?, ?> node)) {
      return;
    }
    if (node.get("items") != null) {
      collect(node.get("items"), prefix, paths);
    }
    if (node.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach((name, property) -> {
        String path = prefix + name;
        paths.add(path);
        collect(property, path + ".", paths);
      });
    }
  }
}
