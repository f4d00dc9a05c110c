package vn.lgsp.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/ as the cluster would receive it: the base and the production overlay rendered
 * ({@link Kustomize}), each core object read strictly into the Kubernetes model (fabric8) and
 * checked against the Kubernetes 1.35 schema, each custom resource against its operator's CRD.
 */
class DeployManifestsTest {

  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.get();

  @Test
  void everyObjectOfTheBaseAndTheProductionOverlayIsValid() {
    for (Path dir : List.of(Manifests.BASE, Manifests.PRODUCTION, Manifests.MONITORING)) {
      List<Map<String, Object>> objects = Kustomize.build(dir);
      List<String> problems = new ArrayList<>();
      for (Map<String, Object> object : objects) {
        problems.addAll(SCHEMAS.violations(object));
        if (!SCHEMAS.isCustom(object)) {
          try {
            KubernetesModel.read(object);
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
          }
        }
      }
      assertThat(problems).as(dir.toString()).isEmpty();
    }
  }

  @Test
  void everyKindTheIssueAsksForIsThere() {
    List<String> base = Kustomize.build(Manifests.BASE).stream().map(Manifests::kind).toList();
    assertThat(base).contains("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "ConfigMap", "Secret", "ActiveMQArtemis", "Cluster");
    List<String> production = Kustomize.build(Manifests.PRODUCTION).stream().map(Manifests::kind).toList();
    assertThat(production).contains("ServiceMonitor", "PrometheusRule");
    Map<String, Object> broker = Manifests.find(Kustomize.build(Manifests.BASE), "ActiveMQArtemis", "lgsp-broker");
    assertThat(Manifests.at(broker, "spec.deploymentPlan.size")).contains(2);
    assertThat(Manifests.at(broker, "spec.deploymentPlan.persistenceEnabled")).contains(true);
    Map<String, Object> database = Manifests.find(Kustomize.build(Manifests.BASE), "Cluster", "lgsp-db");
    assertThat(Manifests.at(database, "spec.instances")).contains(3);
  }

  @Test
  void theHubRunsAsNonRootOnAReadOnlyRootWithThreeReplicasAndTls() {
    List<Map<String, Object>> base = Kustomize.build(Manifests.BASE);
    Map<String, Object> deployment = Manifests.find(base, "Deployment", "lgsp-hub");
    assertThat(Manifests.at(deployment, "spec.replicas")).contains(3);
    assertThat(Manifests.at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).contains(true);
    Map<String, Object> hub = Manifests.container(deployment, "hub");
    assertThat(Manifests.at(hub, "securityContext.readOnlyRootFilesystem")).contains(true);
    assertThat(Manifests.at(hub, "securityContext.allowPrivilegeEscalation")).contains(false);
    assertThat(Manifests.at(hub, "resources.requests.cpu")).isPresent();
    assertThat(Manifests.at(hub, "resources.limits.memory")).isPresent();
    Map<String, Object> ingress = Manifests.find(base, "Ingress", "lgsp-hub");
    assertThat(Manifests.list(Manifests.at(ingress, "spec.tls").orElseThrow())).isNotEmpty();
  }

  @Test
  void theProductionOverlayChangesReplicasResourcesHostsAndImageAndKeepsTheRest() {
    Map<String, Object> base = Manifests.find(Kustomize.build(Manifests.BASE), "Deployment", "lgsp-hub");
    List<Map<String, Object>> production = Kustomize.build(Manifests.PRODUCTION);
    Map<String, Object> deployment = Manifests.find(production, "Deployment", "lgsp-hub");
    assertThat(Manifests.at(deployment, "spec.replicas")).contains(4);
    Map<String, Object> hub = Manifests.container(deployment, "hub");
    assertThat(Manifests.at(hub, "resources.requests.cpu")).contains("2");
    assertThat(hub.get("image")).isEqualTo("registry.lgsp.example/lgsp/lgsp-hub:0.1.0");
    assertThat(env(hub)).containsEntry("HUB_SECURITY_ISSUER", "https://lgsp.example.gov.vn");
    // merged by name: the base's other variables are all still there
    assertThat(env(hub).keySet()).containsExactlyInAnyOrderElementsOf(env(Manifests.container(base, "hub")).keySet());
    assertThat(Manifests.at(hub, "volumeMounts")).isEqualTo(Manifests.at(Manifests.container(base, "hub"), "volumeMounts"));
    Map<String, Object> ingress = Manifests.find(production, "Ingress", "lgsp-hub");
    assertThat(Manifests.at(ingress, "metadata.namespace")).contains("lgsp-hub");
    assertThat(String.valueOf(Manifests.at(ingress, "spec.rules").orElseThrow())).contains("lgsp.example.gov.vn")
        .doesNotContain("hub.lgsp.example");
    Map<String, Object> hpa = Manifests.find(production, "HorizontalPodAutoscaler", "lgsp-hub");
    assertThat(Manifests.at(hpa, "spec.minReplicas")).contains(4);
    Map<String, Object> database = Manifests.find(production, "Cluster", "lgsp-db");
    assertThat(Manifests.at(database, "spec.storage.size")).contains("300Gi");
    assertThat(Manifests.at(database, "spec.instances")).as("kept from the base").contains(3);
  }

  @Test
  void aMisspeltMisplacedOrMissingFieldIsFound() {
    Map<String, Object> deployment = Manifests.find(Kustomize.build(Manifests.BASE), "Deployment", "lgsp-hub");
    Map<String, Object> misspelt = StrategicMerge.apply(deployment, Map.of("spec", Map.of("replica", 3)));
    assertThatThrownBy(() -> KubernetesModel.read(misspelt)).hasMessageContaining("replica");
    assertThat(SCHEMAS.violations(misspelt)).anyMatch(v -> v.contains("spec.replica: unknown field"));

    Map<String, Object> noSelector = StrategicMerge.apply(deployment, Map.of("spec", mapWithNull("selector")));
    assertThat(SCHEMAS.violations(noSelector)).anyMatch(v -> v.contains("spec.selector: required"));

    Map<String, Object> wrongType = StrategicMerge.apply(deployment, Map.of("spec", Map.of("replicas", "three")));
    assertThatThrownBy(() -> KubernetesModel.read(wrongType)).hasMessageContaining("replicas");
    assertThat(SCHEMAS.violations(wrongType)).anyMatch(v -> v.contains("spec.replicas: must be integer"));

    Map<String, Object> misplacedPort = Manifests.parseAll("""
        apiVersion: v1
        kind: Service
        metadata: {name: x, port: 80}
        spec: {ports: [{targetPort: http}]}
        """).get(0);
    assertThat(SCHEMAS.violations(misplacedPort)).anyMatch(v -> v.contains("metadata.port: unknown field"))
        .anyMatch(v -> v.contains("spec.ports[0].port: required"));
    assertThatThrownBy(() -> KubernetesModel.read(misplacedPort)).hasMessageContaining("port");

    Map<String, Object> database = Manifests.find(Kustomize.build(Manifests.BASE), "Cluster", "lgsp-db");
    Map<String, Object> badCluster = StrategicMerge.apply(database, Map.of("spec", mapWithNull("instances")));
    badCluster = StrategicMerge.apply(badCluster, Map.of("spec", Map.of("instance", 3, "primaryUpdateStrategy", "automatic")));
    assertThat(SCHEMAS.violations(badCluster)).anyMatch(v -> v.contains("spec.instance: unknown field"))
        .anyMatch(v -> v.contains("spec.instances: required"))
        .anyMatch(v -> v.contains("spec.primaryUpdateStrategy: 'automatic' is not one of"));
    Map<String, Object> unnamed = Manifests.with(database, "metadata", Map.of("labels", Map.of("a", "b")));
    assertThat(SCHEMAS.violations(unnamed)).anyMatch(v -> v.contains("metadata.name: required"));
    Map<String, Object> broker = Manifests.find(Kustomize.build(Manifests.BASE), "ActiveMQArtemis", "lgsp-broker");
    Map<String, Object> badBroker = StrategicMerge.apply(broker,
        Map.of("spec", Map.of("deploymentPlan", Map.of("persistenceEnabled", "yes"))));
    assertThat(SCHEMAS.violations(badBroker)).anyMatch(v -> v.contains("spec.deploymentPlan.persistenceEnabled: must be a boolean"));
  }

  @Test
  void theRendererRefusesWhatItDoesNotImplement() {
    Map<String, Object> kustomization = new LinkedHashMap<>(Manifests.read(Manifests.BASE.resolve("kustomization.yaml")));
    kustomization.put("commonLabels", Map.of("team", "lgsp"));
    assertThatThrownBy(() -> Kustomize.build(Manifests.BASE, kustomization)).hasMessageContaining("commonLabels");
    Map<String, Object> container = Map.of("name", "hub", "ports", List.of(Map.of("containerPort", 9090)));
    Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(container)))));
    Map<String, Object> deployment = Manifests.find(Kustomize.build(Manifests.BASE), "Deployment", "lgsp-hub");
    assertThatThrownBy(() -> StrategicMerge.apply(deployment, patch)).hasMessageContaining("ports");
  }

  /** Where kubectl is installed, its kustomize renders exactly what {@link Kustomize} does. */
  @Test
  void theRendererAgreesWithKubectlKustomize() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed");
    for (Path dir : List.of(Manifests.BASE, Manifests.PRODUCTION, Manifests.MONITORING)) {
      Map<String, Map<String, Object>> ours = byId(Kustomize.build(dir));
      Map<String, Map<String, Object>> theirs = byId(Manifests.parseAll(kubectlKustomize(dir)));
      assertThat(ours.keySet()).as(dir.toString()).containsExactlyInAnyOrderElementsOf(theirs.keySet());
      for (String id : ours.keySet()) {
        assertThat(ours.get(id)).as(dir + " " + id).isEqualTo(theirs.get(id));
      }
    }
  }

  private static Map<String, Object> mapWithNull(String key) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, null);
    return m;
  }

  static Map<String, Object> env(Map<String, Object> container) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (Object e : Manifests.list(container.get("env"))) {
      Map<String, Object> variable = Manifests.map(e);
      env.put(String.valueOf(variable.get("name")), variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
    }
    return env;
  }

  private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
    return objects.stream().collect(Collectors.toMap(Manifests::id, o -> o, (a, b) -> {
      throw new AssertionError("twice: " + Manifests.id(a));
    }, LinkedHashMap::new));
  }

  private static boolean onPath(String program) {
    return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }

  private static String kubectlKustomize(Path dir) throws IOException, InterruptedException {
    Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
    kubectl.getOutputStream().close();
    String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
    assertThat(kubectl.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
    return out;
  }
}
