package vn.lgsp.hub.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas of every kind deploy/ uses (src/test/resources/crds/, README.md there): the
 * Kubernetes 1.35 definitions for the core kinds, and each operator's CRD for its custom resources.
 * A custom resource's {@code metadata} is checked against Kubernetes' ObjectMeta, as the API server does.
 */
final class KubernetesSchemas {

  static final Path DIRECTORY = Path.of("src/test/resources/crds");
  static final List<String> CRD_FILES = List.of("broker.amq.io_activemqartemises.yaml", "postgresql.cnpg.io_clusters.yaml",
      "monitoring.coreos.com_servicemonitors.yaml", "monitoring.coreos.com_prometheusrules.yaml");
  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final Map<String, Object> definitions;
  /** "group/version/Kind" of every kind with its schema. */
  private final Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();
  private final List<String> customKinds = new ArrayList<>();
  private final OpenApiSchema schema;

  private KubernetesSchemas() {
    definitions = Manifests.map(Manifests.read(DIRECTORY.resolve("kubernetes-1.35.0-deploy-subset.json")).get("definitions"));
    for (Map.Entry<String, Object> d : definitions.entrySet()) {
      Map<String, Object> definition = Manifests.map(d.getValue());
      for (Object gvk : (List<?>) definition.getOrDefault("x-kubernetes-group-version-kind", List.of())) {
        Map<String, Object> k = Manifests.map(gvk);
        kinds.put(k.get("group") + "/" + k.get("version") + "/" + k.get("kind"), definition);
      }
    }
    for (String file : CRD_FILES) {
      Map<String, Object> crd = Manifests.read(DIRECTORY.resolve(file));
      Map<String, Object> spec = Manifests.map(crd.get("spec"));
      String kind = String.valueOf(Manifests.at(spec, "names.kind").orElseThrow());
      for (Object v : Manifests.list(spec.get("versions"))) {
        Map<String, Object> version = Manifests.map(v);
        String key = spec.get("group") + "/" + version.get("name") + "/" + kind;
        kinds.put(key, Manifests.map(Manifests.at(version, "schema.openAPIV3Schema").orElseThrow()));
        customKinds.add(key);
      }
    }
    schema = new OpenApiSchema(name -> {
      if (!definitions.containsKey(name)) {
        throw new IllegalStateException("no definition " + name + " in the Kubernetes schema subset");
      }
      return Manifests.map(definitions.get(name));
    });
  }

  private static final class Holder {
    private static final KubernetesSchemas INSTANCE = new KubernetesSchemas();
  }

  static KubernetesSchemas get() {
    return Holder.INSTANCE;
  }

  /** Whether the object's kind is defined by a CRD (else by Kubernetes itself). */
  boolean isCustom(Map<String, Object> object) {
    return customKinds.contains(key(object));
  }

  /** What the API server would refuse in this object, each with the field's path; empty if nothing. */
  List<String> violations(Map<String, Object> object) {
    Optional<Map<String, Object>> kindSchema = Optional.ofNullable(kinds.get(key(object)));
    if (kindSchema.isEmpty()) {
      return List.of(Manifests.id(object) + ": no schema for " + key(object));
    }
    List<String> found = new ArrayList<>();
    if (isCustom(object)) {
      // a CRD's schema says only "metadata: object"; the API server checks it as ObjectMeta
      Map<String, Object> body = new LinkedHashMap<>(object);
      Object metadata = body.containsKey("metadata") ? body.put("metadata", Map.of()) : null;
      schema.violations(body, kindSchema.get()).forEach(v -> found.add(Manifests.id(object) + ": " + v));
      schema.violations(metadata, Manifests.map(definitions.get(OBJECT_META)))
          .forEach(v -> found.add(Manifests.id(object) + ": metadata." + v));
    } else {
      schema.violations(object, kindSchema.get()).forEach(v -> found.add(Manifests.id(object) + ": " + v));
    }
    // the API server wants a name (deploy/ uses no generateName)
    if (Manifests.at(object, "metadata.name").isEmpty()) {
      found.add(Manifests.id(object) + ": metadata.name: required");
    }
    return found;
  }

  private static String key(Map<String, Object> object) {
    String apiVersion = String.valueOf(object.get("apiVersion"));
    String groupVersion = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
    return groupVersion + "/" + object.get("kind");
  }
}
