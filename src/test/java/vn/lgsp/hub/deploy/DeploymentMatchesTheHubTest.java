package vn.lgsp.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Deployment against the hub it runs: the port and health groups the hub serves, the
 * directories it reads its configuration, routes and connectors from, the files it ships, and the
 * settings it reads. (MonitoringMetricsTest asks a running hub for the probes' paths.)
 */
class DeploymentMatchesTheHubTest {

  private static final List<Map<String, Object>> BASE = Kustomize.build(Manifests.BASE);
  private static final Map<String, Object> DEPLOYMENT = Manifests.find(BASE, "Deployment", "lgsp-hub");
  private static final Map<String, Object> HUB = Manifests.container(DEPLOYMENT, "hub");
  private static final HubSettings SETTINGS = new HubSettings(DeployManifestsTest.env(HUB));

  @Test
  void theProbesAskTheHubsHealthGroupsOnItsServerPort() {
    assertThat(probeProblems(HUB)).isEmpty();
  }

  @Test
  void aProbeOnAnotherPortOrGroupIsFound() {
    Map<String, Object> wrongPort = Manifests.with(HUB, "readinessProbe.httpGet.port", 8081);
    assertThat(probeProblems(wrongPort)).anyMatch(p -> p.contains("readinessProbe") && p.contains("8081"));
    Map<String, Object> wrongGroup = Manifests.with(HUB, "livenessProbe.httpGet.path", "/actuator/health/live");
    assertThat(probeProblems(wrongGroup)).anyMatch(p -> p.contains("livenessProbe") && p.contains("/actuator/health/live"));
  }

  @Test
  void configRoutesAndConnectorsAreMountedWhereTheHubReadsThem() {
    assertThat(mountProblems(HUB)).isEmpty();
  }

  @Test
  void aMountInTheWrongPlaceIsFound() {
    List<Object> mounts = new ArrayList<>(Manifests.list(HUB.get("volumeMounts")));
    mounts.replaceAll(m -> "routes".equals(Manifests.map(m).get("name")) ? Map.of("name", "routes", "mountPath", "/app/route") : m);
    assertThat(mountProblems(Manifests.with(HUB, "volumeMounts", mounts))).anyMatch(p -> p.contains("lgsp-hub-routes"));
    assertThat(mountProblems(Manifests.with(HUB, "workingDir", "/"))).isNotEmpty();
  }

  @Test
  void theImageWorksInTheDirectoryTheDeploymentMountsInto() {
    Matcher jib = Pattern.compile("<workingDirectory>([^<]+)</workingDirectory>").matcher(Manifests.text(Path.of("pom.xml")));
    assertThat(jib.find()).as("the image profile's Jib working directory").isTrue();
    assertThat(HUB.get("workingDir")).isEqualTo(jib.group(1));
    Matcher user = Pattern.compile("<user>(\\d+)(:\\d+)?</user>").matcher(Manifests.text(Path.of("pom.xml")));
    assertThat(user.find()).as("the image runs as a numeric non-root user").isTrue();
    assertThat(Manifests.at(DEPLOYMENT, "spec.template.spec.securityContext.runAsUser").map(String::valueOf)).contains(user.group(1));
  }

  @Test
  void theConfigMapsHoldTheRepositorysRoutesConnectorsAndConfiguration() throws IOException {
    assertThat(data("lgsp-hub-routes")).isEqualTo(files(Path.of("routes"), null));
    assertThat(data("lgsp-hub-connectors")).isEqualTo(files(Path.of("connectors"), null));
    Map<String, Object> config = new LinkedHashMap<>(data("lgsp-hub-config"));
    assertThat(config.remove("application-prod.yaml")).as("the production settings").isNotNull();
    // the sandbox's settings (well-known secrets) stay out of a production cluster
    assertThat(config).isEqualTo(files(Path.of("config"), "application-sandbox.yaml"));
  }

  @Test
  void everyVariableAndProductionSettingIsOneTheHubReads() {
    KnownProperties known = new KnownProperties();
    List<String> unknown = new ArrayList<>();
    for (String variable : DeployManifestsTest.env(HUB).keySet()) {
      // read by the JVM, not by Spring
      if (!variable.equals("JAVA_TOOL_OPTIONS") && !known.reads(variable)) {
        unknown.add(variable);
      }
    }
    Map<String, Object> prod = HubSettings.flatten("", Manifests.read(Manifests.BASE.resolve("config/application-prod.yaml")),
        new LinkedHashMap<>());
    prod.keySet().stream().filter(p -> !known.reads(p)).forEach(unknown::add);
    assertThat(unknown).isEmpty();
    assertThat(known.reads("HUB_AUDIT_SUBJECTHASHKY")).as("a misspelt variable").isFalse();
    assertThat(known.reads("hub.audit.seal.keystor")).as("a misspelt property").isFalse();
    assertThat(known.reads("HUB_SECURITY_CLIENTS_0_PASSWORD")).as("a field clients do not have").isFalse();
    assertThat(known.reads("HUB_SECURITY_CLIENTS_0_SECRET")).isTrue();
    assertThat(known.reads("HUB_ENDPOINTS_POPULATIONREGISTER")).as("a connector's placeholder").isTrue();
  }

  /** What is wrong with the container's probes, given the hub's settings; empty when nothing. */
  private static List<String> probeProblems(Map<String, Object> container) {
    List<String> problems = new ArrayList<>();
    int serverPort = Integer.parseInt(SETTINGS.require("server.port"));
    Optional<String> managementPort = SETTINGS.get("management.server.port");
    if (managementPort.isPresent() && !managementPort.get().equals(String.valueOf(serverPort))) {
      problems.add("the hub serves actuator on management.server.port " + managementPort.get());
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Object p : Manifests.list(container.get("ports"))) {
      Map<String, Object> port = Manifests.map(p);
      ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
    }
    if (!ports.containsValue(serverPort)) {
      problems.add("no container port is server.port " + serverPort + ": " + ports);
    }
    if (!"true".equals(SETTINGS.get("management.endpoint.health.probes.enabled").orElse("false"))) {
      problems.add("management.endpoint.health.probes.enabled is not true: no liveness and readiness groups");
    }
    String health = SETTINGS.get("management.endpoints.web.base-path").orElse("/actuator") + "/health/";
    Map<String, String> groups = Map.of("startupProbe", "liveness", "livenessProbe", "liveness", "readinessProbe", "readiness");
    for (Map.Entry<String, String> probe : groups.entrySet()) {
      Object port = Manifests.at(container, probe.getKey() + ".httpGet.port").orElse(null);
      Object resolved = port instanceof String name ? ports.get(name) : port;
      if (!Integer.valueOf(serverPort).equals(resolved)) {
        problems.add(probe.getKey() + " asks port " + port + ", the hub serves " + serverPort);
      }
      Object path = Manifests.at(container, probe.getKey() + ".httpGet.path").orElse(null);
      if (!(health + probe.getValue()).equals(path)) {
        problems.add(probe.getKey() + " asks " + path + ", the hub's group is " + health + probe.getValue());
      }
      if (SETTINGS.get("management.endpoint.health.group." + probe.getValue() + ".include").isEmpty()) {
        problems.add("the hub configures no health group " + probe.getValue());
      }
    }
    return problems;
  }

  /** What is wrong with where the container mounts the hub's files; empty when nothing. */
  private static List<String> mountProblems(Map<String, Object> container) {
    Path workingDir = Path.of(String.valueOf(container.get("workingDir")));
    Map<String, Path> wanted = new LinkedHashMap<>();
    // Spring Boot reads ./config/ of the working directory; config/application.yaml imports config/access-rights.yaml
    wanted.put("configMap lgsp-hub-config", workingDir.resolve("config"));
    wanted.put("configMap lgsp-hub-routes", workingDir.resolve(routesDirectory()));
    wanted.put("configMap lgsp-hub-connectors", workingDir.resolve(SETTINGS.require("hub.connectors.directory")));
    wanted.put("emptyDir data", workingDir.resolve(SETTINGS.require("hub.data-dir")));
    wanted.put("emptyDir tmp", Path.of("/tmp"));
    wanted.put("secret lgsp-hub-seal-keystore", Path.of(SETTINGS.require("hub.audit.seal.keystore")).getParent());
    wanted.put("persistentVolumeClaim lgsp-hub-witness", Path.of(SETTINGS.require("hub.audit.witness.directory")));
    Map<String, String> sources = volumeSources();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Path> w : wanted.entrySet()) {
      Optional<String> mountPath = Manifests.list(container.get("volumeMounts")).stream().map(Manifests::map)
          .filter(m -> w.getKey().equals(sources.get(String.valueOf(m.get("name")))))
          .map(m -> String.valueOf(m.get("mountPath")))
          .findFirst();
      if (mountPath.isEmpty() || !Path.of(mountPath.get()).equals(w.getValue())) {
        problems.add(w.getKey() + " is mounted at " + mountPath.orElse("(nowhere)") + ", the hub reads " + w.getValue());
      }
    }
    String keystore = Path.of(SETTINGS.require("hub.audit.seal.keystore")).getFileName().toString();
    Map<String, Object> sealSecret = Manifests.find(BASE, "Secret", "lgsp-hub-seal-keystore");
    if (!Manifests.map(sealSecret.get("data")).containsKey(keystore)) {
      problems.add("secret lgsp-hub-seal-keystore holds no " + keystore);
    }
    for (String source : sources.values()) {
      String[] kindAndName = source.split(" ");
      String kind = Map.of("configMap", "ConfigMap", "secret", "Secret", "persistentVolumeClaim", "PersistentVolumeClaim")
          .get(kindAndName[0]);
      if (kind != null && BASE.stream().noneMatch(o -> Manifests.id(o).equals(kind + "/" + kindAndName[1]))) {
        problems.add("the volume's " + source + " is not in deploy/base");
      }
    }
    return problems;
  }

  /** The directory of {@code camel.main.routes-include-pattern}: its placeholder's value or default. */
  private static String routesDirectory() {
    Matcher m = Pattern.compile("^file:\\$\\{([^:}]+):([^}]*)}/\\*\\.yaml$")
        .matcher(SETTINGS.require("camel.main.routes-include-pattern"));
    assertThat(m.matches()).as("routes-include-pattern names a directory by a placeholder").isTrue();
    return SETTINGS.get(m.group(1)).orElse(m.group(2));
  }

  /** Volume name to "kind name" of its source, e.g. "configMap lgsp-hub-routes". */
  private static Map<String, String> volumeSources() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (Object v : Manifests.list(Manifests.at(DEPLOYMENT, "spec.template.spec.volumes").orElseThrow())) {
      Map<String, Object> volume = Manifests.map(v);
      for (String kind : List.of("configMap", "secret", "persistentVolumeClaim", "emptyDir")) {
        if (volume.containsKey(kind)) {
          Map<String, Object> source = Manifests.map(volume.get(kind));
          Object name = Stream.of("name", "secretName", "claimName").filter(source::containsKey).map(source::get)
              .findFirst().orElse(volume.get("name"));
          sources.put(String.valueOf(volume.get("name")), kind + " " + name);
        }
      }
    }
    return sources;
  }

  private static Map<String, Object> data(String configMap) {
    return Manifests.map(Manifests.find(BASE, "ConfigMap", configMap).get("data"));
  }

  private static Map<String, Object> files(Path dir, String except) throws IOException {
    Map<String, Object> files = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(except)).sorted()
          .forEach(f -> files.put(f.getFileName().toString(), Manifests.text(f)));
    }
    return files;
  }
}
