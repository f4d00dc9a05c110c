package vn.lgsp.hub.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a core manifest into fabric8's Kubernetes model, strictly: the model's catch-all for
 * unknown fields ({@code @JsonAnySetter additionalProperties}) is switched off, so a misspelt or
 * misplaced field fails with its name, as does a value of the wrong type.
 */
final class KubernetesModel {

  /** The core kinds deploy/ uses, by "apiVersion/kind"; any other kind is refused. */
  static final Map<String, Class<?>> KINDS = Map.of(
      "apps/v1/Deployment", Deployment.class,
      "v1/Service", Service.class,
      "v1/ServiceAccount", ServiceAccount.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
      "networking.k8s.io/v1/Ingress", Ingress.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .annotationIntrospector(new NoCatchAll())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .build();

  private KubernetesModel() {}

  /** The model object, or an IllegalArgumentException naming the object and the field. */
  static Object read(Map<String, Object> manifest) {
    Class<?> type = KINDS.get(manifest.get("apiVersion") + "/" + manifest.get("kind"));
    if (type == null) {
      throw new IllegalArgumentException(Manifests.id(manifest) + ": not a core kind deploy/ uses");
    }
    try {
      return STRICT.convertValue(manifest, type);
    } catch (IllegalArgumentException | JacksonException e) {
      throw new IllegalArgumentException(Manifests.id(manifest) + ": " + e.getMessage(), e);
    }
  }

  /** No {@code @JsonAnySetter}: what the model does not know is an error, not an "additional property". */
  private static final class NoCatchAll extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
      return Boolean.FALSE;
    }
  }
}
