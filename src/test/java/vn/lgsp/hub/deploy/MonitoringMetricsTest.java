package vn.lgsp.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * deploy/monitoring against a running hub: every metric the alerts and the Grafana dashboard
 * query, and every label they select on, is one the hub exports at /actuator/prometheus; and the
 * Deployment's probes are answered by the hub, without credentials, as the kubelet asks them.
 */
class MonitoringMetricsTest extends SandboxHubTest {

  /** Queried before the hub exports them (a gauge that work in progress adds), with what it will be: none now. */
  static final Map<String, String> EXPECTED = Map.of();

  /** Queried, exported by another program. */
  static final Map<String, String> EXTERNAL = Map.of(
      "certmanager_certificate_expiration_timestamp_seconds", "cert-manager, for the Ingress certificate lgsp-hub-tls");

  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

  @Test
  void everyMetricAndLabelTheAlertsAndTheDashboardQueryIsExported() {
    Map<String, Set<String>> exported = exported(scrape());
    List<String> queries = queries();
    assertThat(queries).hasSizeGreaterThan(20);
    assertThat(problems(queries, exported)).isEmpty();
    Set<String> used = new TreeSet<>();
    queries.forEach(q -> used.addAll(PromQl.metricNames(q)));
    assertThat(used).as("every exception is still queried").containsAll(EXPECTED.keySet()).containsAll(EXTERNAL.keySet());
  }

  @Test
  void aMetricOrLabelTheHubDoesNotExportIsFound() {
    Map<String, Set<String>> exported = Map.of("hub_exchanges_seconds_count", Set.of("service", "status", "client"));
    assertThat(problems(List.of("sum by (service) (rate(hub_exchanges_seconds_count{status=~\"5..\"}[5m]))"), exported)).isEmpty();
    assertThat(problems(List.of("rate(hub_exchange_seconds_count[5m])"), exported))
        .containsExactly("hub_exchange_seconds_count is not exported by the hub");
    assertThat(problems(List.of("hub_exchanges_seconds_count{stauts=\"500\"}"), exported))
        .containsExactly("hub_exchanges_seconds_count has no label stauts");
    assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(a_bucket{x=\"y\"}[$__rate_interval]))) > 1e3"
        + " or (sum(b) or vector(0)) < 1 and on(pod) label_values(c, service) offset 5m")).containsExactly("a_bucket", "b", "c");
  }

  @Test
  void theProbesOfTheDeploymentAreAnsweredWithoutCredentials() {
    Map<String, Object> deployment = Manifests.find(Kustomize.build(Manifests.BASE), "Deployment", "lgsp-hub");
    Map<String, Object> container = Manifests.container(deployment, "hub");
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      String path = String.valueOf(Manifests.at(container, probe + ".httpGet.path").orElseThrow());
      Response answer = hub.get(path).send();
      assertThat(answer.status()).as(probe + " " + path).isEqualTo(200);
      assertThat(answer.body()).as(probe + " " + path).contains("\"status\":\"UP\"");
    }
  }

  /** What is queried but not exported: unknown metric names, unknown labels of known metrics. */
  static List<String> problems(List<String> queries, Map<String, Set<String>> exported) {
    Set<String> problems = new TreeSet<>();
    for (String query : queries) {
      for (String name : PromQl.metricNames(query)) {
        if (!exported.containsKey(name) && !EXPECTED.containsKey(name) && !EXTERNAL.containsKey(name)) {
          problems.add(name + " is not exported by the hub");
        }
      }
      Matcher selector = SELECTOR.matcher(query);
      while (selector.find()) {
        Set<String> labels = exported.get(selector.group(1));
        Matcher label = MATCHER.matcher(selector.group(2));
        while (labels != null && label.find()) {
          if (!labels.contains(label.group(1))) {
            problems.add(selector.group(1) + " has no label " + label.group(1));
          }
        }
      }
    }
    return new ArrayList<>(problems);
  }

  /** Every PromQL expression of the PrometheusRule and every query of the dashboard. */
  static List<String> queries() {
    List<String> queries = new ArrayList<>();
    Map<String, Object> rule = Manifests.find(Kustomize.build(Manifests.MONITORING), "PrometheusRule", "lgsp-hub");
    for (Object group : Manifests.list(Manifests.at(rule, "spec.groups").orElseThrow())) {
      for (Object r : Manifests.list(Manifests.map(group).get("rules"))) {
        queries.add(String.valueOf(Manifests.map(r).get("expr")));
      }
    }
    Map<String, Object> dashboard = Manifests.find(Kustomize.build(Manifests.MONITORING), "ConfigMap", "lgsp-hub-dashboard");
    JsonNode json = JsonMapper.builder().build().readTree(String.valueOf(Manifests.map(dashboard.get("data")).get("lgsp-hub.json")));
    for (JsonNode expr : json.findValues("expr")) {
      queries.add(expr.asString());
    }
    for (JsonNode variable : json.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asString(""))) {
        queries.add(variable.path("query").path("query").asString());
      }
    }
    return queries;
  }

  /** A hub that has answered, refused and stored: its exchange and exchange-log meters exist. */
  private String scrape() {
    hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-2026-000123").send();
    hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085999999").as(HANOI, hub.token(HANOI))
        .header("X-Road-Issue", "HS-2026-000123").send();
    return await().atMost(Duration.ofSeconds(20)).until(() -> hub.admin("/actuator/prometheus").body(),
        body -> body.contains("hub_exchange_log_write_lag_seconds_count"));
  }

  /** Sample name to its label names, from the Prometheus text format. */
  private static Map<String, Set<String>> exported(String exposition) {
    Map<String, Set<String>> samples = new TreeMap<>();
    Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
    Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
    for (String line : exposition.split("\n")) {
      Matcher m = sample.matcher(line);
      if (!line.startsWith("#") && m.find()) {
        Set<String> labels = samples.computeIfAbsent(m.group(1), k -> new TreeSet<>());
        Matcher l = label.matcher(m.group(3) == null ? "" : m.group(3));
        while (l.find()) {
          labels.add(l.group(1));
        }
      }
    }
    return new LinkedHashMap<>(samples);
  }
}
