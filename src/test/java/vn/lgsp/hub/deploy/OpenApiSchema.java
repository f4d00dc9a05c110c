package vn.lgsp.hub.deploy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a value against an OpenAPI schema as the Kubernetes API server reads one: a Kubernetes
 * definition (Swagger 2, with {@code $ref}) or a CRD's structural {@code openAPIV3Schema}. Checked:
 * types, {@code required}, unknown fields (an error, as {@code kubectl apply --validate=strict}
 * reports; allowed only under {@code additionalProperties} or
 * {@code x-kubernetes-preserve-unknown-fields}), {@code enum}, {@code pattern}, lengths, item counts,
 * bounds, int-or-string, and {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not}. Not checked:
 * CEL rules ({@code x-kubernetes-validations}) and formats other than int-or-string.
 */
final class OpenApiSchema {

  private final Function<String, Map<String, Object>> references;

  /** @param references the definition a {@code $ref} names */
  OpenApiSchema(Function<String, Map<String, Object>> references) {
    this.references = references;
  }

  List<String> violations(Object value, Map<String, Object> schema) {
    List<String> found = new ArrayList<>();
    check("", value, schema, found);
    return found;
  }

  private void check(String path, Object value, Map<String, Object> schema, List<String> found) {
    if (schema.containsKey("$ref")) {
      String ref = String.valueOf(schema.get("$ref"));
      check(path, value, references.apply(ref.substring(ref.lastIndexOf('/') + 1)), found);
      return;
    }
    String at = path.isEmpty() ? "(root)" : path;
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        found.add(at + ": null is not allowed");
      }
      return;
    }
    combinators(path, value, schema, found);
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string")) || "int-or-string".equals(schema.get("format"))) {
      if (!(isInteger(value) || value instanceof String)) {
        found.add(at + ": must be an integer or a string, not " + value);
      }
      return;
    }
    if (schema.containsKey("enum") && !Manifests.list(schema.get("enum")).contains(value)) {
      found.add(at + ": '" + value + "' is not one of " + schema.get("enum"));
    }
    String type = (String) schema.get("type");
    if (type == null && schema.containsKey("properties")) {
      type = "object";
    }
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> object(path, value, schema, found);
      case "array" -> array(path, value, schema, found);
      case "string" -> string(at, value, schema, found);
      case "integer" -> number(at, value, schema, found, isInteger(value));
      case "number" -> number(at, value, schema, found, value instanceof Number);
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          found.add(at + ": must be a boolean, not " + value);
        }
      }
      default -> found.add(at + ": unknown schema type " + type);
    }
  }

  private void combinators(String path, Object value, Map<String, Object> schema, List<String> found) {
    for (Object branch : schema.containsKey("allOf") ? Manifests.list(schema.get("allOf")) : List.of()) {
      check(path, value, Manifests.map(branch), found);
    }
    for (String combinator : List.of("anyOf", "oneOf")) {
      if (schema.containsKey(combinator)) {
        long matching = Manifests.list(schema.get(combinator)).stream()
            .filter(b -> violations(path, value, Manifests.map(b)).isEmpty())
            .count();
        boolean ok = combinator.equals("anyOf") ? matching >= 1 : matching == 1;
        if (!ok) {
          found.add((path.isEmpty() ? "(root)" : path) + ": " + matching + " of the " + combinator + " alternatives match");
        }
      }
    }
    if (schema.containsKey("not") && violations(path, value, Manifests.map(schema.get("not"))).isEmpty()) {
      found.add((path.isEmpty() ? "(root)" : path) + ": matches a schema it must not match");
    }
  }

  private List<String> violations(String path, Object value, Map<String, Object> schema) {
    List<String> found = new ArrayList<>();
    check(path, value, schema, found);
    return found;
  }

  private void object(String path, Object value, Map<String, Object> schema, List<String> found) {
    if (!(value instanceof Map<?, ?>)) {
      found.add((path.isEmpty() ? "(root)" : path) + ": must be a mapping, not " + value);
      return;
    }
    Map<String, Object> object = Manifests.map(value);
    Map<String, Object> properties = Manifests.map(schema.getOrDefault("properties", Map.of()));
    for (Object name : (List<?>) schema.getOrDefault("required", List.of())) {
      if (!object.containsKey(String.valueOf(name))) {
        found.add(join(path, String.valueOf(name)) + ": required");
      }
    }
    Object additional = schema.get("additionalProperties");
    boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
    for (Map.Entry<String, Object> e : object.entrySet()) {
      String field = join(path, e.getKey());
      if (properties.containsKey(e.getKey())) {
        check(field, e.getValue(), Manifests.map(properties.get(e.getKey())), found);
      } else if (additional instanceof Map<?, ?>) {
        check(field, e.getValue(), Manifests.map(additional), found);
      } else if (!preserve && !Boolean.TRUE.equals(additional)) {
        found.add(field + ": unknown field");
      }
    }
    bounds(path, object.size(), schema, "minProperties", "maxProperties", found);
  }

  private void array(String path, Object value, Map<String, Object> schema, List<String> found) {
    if (!(value instanceof List<?> items)) {
      found.add((path.isEmpty() ? "(root)" : path) + ": must be a list, not " + value);
      return;
    }
    if (schema.containsKey("items")) {
      for (int i = 0; i < items.size(); i++) {
        check(path + "[" + i + "]", items.get(i), Manifests.map(schema.get("items")), found);
      }
    }
    bounds(path, items.size(), schema, "minItems", "maxItems", found);
  }

  private static void string(String at, Object value, Map<String, Object> schema, List<String> found) {
    if (!(value instanceof String text)) {
      found.add(at + ": must be a string, not " + value);
      return;
    }
    if (schema.containsKey("pattern") && !Pattern.compile(String.valueOf(schema.get("pattern"))).matcher(text).find()) {
      found.add(at + ": '" + text + "' does not match " + schema.get("pattern"));
    }
    bounds(at, text.codePointCount(0, text.length()), schema, "minLength", "maxLength", found);
  }

  private static void number(String at, Object value, Map<String, Object> schema, List<String> found, boolean typeOk) {
    if (!typeOk) {
      found.add(at + ": must be " + schema.get("type") + ", not " + value);
      return;
    }
    double n = ((Number) value).doubleValue();
    if (schema.containsKey("minimum") && n < ((Number) schema.get("minimum")).doubleValue()) {
      found.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
    }
    if (schema.containsKey("maximum") && n > ((Number) schema.get("maximum")).doubleValue()) {
      found.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
    }
  }

  private static void bounds(String at, int size, Map<String, Object> schema, String min, String max, List<String> found) {
    String where = at.isEmpty() ? "(root)" : at;
    if (schema.containsKey(min) && size < ((Number) schema.get(min)).intValue()) {
      found.add(where + ": fewer than " + schema.get(min) + " (" + min + ")");
    }
    if (schema.containsKey(max) && size > ((Number) schema.get(max)).intValue()) {
      found.add(where + ": more than " + schema.get(max) + " (" + max + ")");
    }
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
