package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.connectors.ResilienceFactory;
import vn.lgsp.hub.sandbox.population.PopulationRegisterSandbox;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * What operators see and steer, through the real port: health per route and connector, maintenance
 * of a route and of the hub, Prometheus metrics, operational monitoring, trace context and the log
 * context of every line of an exchange.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsEndToEndTest extends SandboxHubTest {

  static final String CITIZEN_INFO = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";

  @Autowired PopulationRegisterSandbox populationRegister;
  @Autowired JdbcTemplate jdbc;
  @Autowired ResilienceFactory resilience;
  @Autowired HubProperties hubProperties;

  private Response lookUp(String messageId) {
    return hub.get(CITIZEN_INFO).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId).send();
  }

  private Response anonymous(String path) {
    return hub.get(path).send();
  }

  @Test
  void healthShowsRoutesAndConnectorsToOperatorsOnly() {
    JsonNode open = anonymous("/actuator/health").json();
    assertThat(open.has("status")).isTrue();
    assertThat(open.has("components")).as("details are for operators").isFalse();

    JsonNode health = hub.admin("/actuator/health").json().get("components");
    assertThat(health.get("routes").get("components").get("citizen-info").get("details").get("service").asString())
        .isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    JsonNode connector = health.get("connectors").get("components").get("population-register");
    assertThat(connector.get("status").asString()).isEqualTo("UP");
    assertThat(connector.get("details").get("breaker").asString()).isEqualTo("CLOSED");
    assertThat(connector.get("details").get("reachable").asBoolean()).isTrue();
    assertThat(health.get("exchangeLog").get("details").has("backlog")).isTrue();
    assertThat(health.get("db").get("status").asString()).isEqualTo("UP");
    assertThat(health.get("jms").get("status").asString()).isEqualTo("UP");
  }

  @Test
  void healthNamesThisInstanceTheLeaderAndWhereItsDatabaseAndBrokerAre() {
    JsonNode instance = hub.admin("/actuator/health").json().get("components").get("instance");
    assertThat(instance.get("status").asString()).isEqualTo("UP");
    JsonNode details = instance.get("details");
    String id = details.get("instanceId").asString();
    assertThat(id).as("the default: host name and data directory").isEqualTo(hubProperties.node())
        .endsWith(":" + hubProperties.dataDir().toAbsolutePath().normalize());
    assertThat(details.get("leader").asBoolean()).as("the only hub on its database leads from the start").isTrue();
    assertThat(details.get("leaderInstance").asString()).isEqualTo(id);
    assertThat(details.get("database").asString()).startsWith("jdbc:postgresql://").endsWith(" as hub_app")
        .doesNotContainIgnoringCase("password");
    assertThat(details.get("broker").asString()).as("the embedded broker").matches("vm://\\d+");
    assertThat(hub.admin("/actuator/health").json().get("components").get("exchangeLog").get("details").get("writer")
        .asString()).isEqualTo("running");
    assertThat(anonymous("/actuator/health/instance").json().has("details")).as("details are for operators").isFalse();
    assertThat(hub.admin("/actuator/prometheus").body()).containsPattern("(?m)^hub_leader(\\{[^}]*})? 1\\.0$");
  }

  @Test
  void aStoppedRegisterTurnsItsRouteDownWithinSecondsWhileTheHubStaysReady() {
    // the sandbox lets an operator stop a register, as a ministry's outage would
    assertThat(hub.adminPost("/admin/api/sandbox/backends/tax-register/stop", "").status()).isEqualTo(200);
    try {
      JsonNode components = await().atMost(Duration.ofSeconds(10)).until(
          () -> hub.admin("/actuator/health").json().get("components"),
          c -> "DOWN".equals(c.get("routes").get("components").get("tax-obligation").get("status").asString()));
      assertThat(components.get("connectors").get("components").get("tax-register").get("details")
          .get("reachable").asBoolean()).isFalse();
      assertThat(components.get("routes").get("components").get("taxpayer").get("status").asString()).isEqualTo("DOWN");
      assertThat(components.get("routes").get("components").get("citizen-info").get("status").asString()).isEqualTo("UP");
      Response readiness = anonymous("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(200);
      assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
      JsonNode routes = hub.admin("/admin/api/routes").json();
      assertThat(route(routes, "tax-obligation").get("health").asString()).isEqualTo("DOWN");
      assertThat(route(routes, "residence").get("health").asString()).isEqualTo("UP");
    } finally {
      assertThat(hub.adminPost("/admin/api/sandbox/backends/tax-register/start", "").status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(
        route(hub.admin("/admin/api/routes").json(), "tax-obligation").get("health").asString()));
  }

  private static JsonNode route(JsonNode routes, String routeId) {
    for (JsonNode r : routes) {
      if (routeId.equals(r.get("routeId").asString())) {
        return r;
      }
    }
    throw new AssertionError("no route " + routeId + " in " + routes);
  }

  @Test
  void theRouteListTitlesEveryRouteInTheOperatorsLanguage() {
    JsonNode vietnamese = hub.admin("/admin/api/routes").json();
    assertThat(route(vietnamese, "citizen-info").get("title").asString()).isEqualTo("Tra cứu thông tin công dân");
    assertThat(route(vietnamese, "insurance-history").get("title").asString())
        .isEqualTo("Tra cứu quá trình tham gia bảo hiểm xã hội");
    assertThat(route(vietnamese, "citizen-profile").get("title").asString()).isEqualTo("Hồ sơ công dân tổng hợp");
    assertThat(route(vietnamese, "data-tracker-find-usage").get("title").asString())
        .isEqualTo("Tra cứu lịch sử sử dụng dữ liệu cá nhân");
    for (JsonNode r : vietnamese) {
      assertThat(r.get("title").asString("")).as(r.get("routeId").asString()).isNotBlank();
    }

    String operator = "Basic " + Base64.getEncoder().encodeToString("operator:sandbox-operator".getBytes(StandardCharsets.UTF_8));
    JsonNode english = hub.get("/admin/api/routes").header("Authorization", operator).header("Accept-Language", "en")
        .send().json();
    assertThat(route(english, "citizen-info").get("title").asString()).isEqualTo("Citizen information lookup");
    assertThat(route(english, "citizen-info").get("service").asString()).isEqualTo("VN/GOV/BCA/DANCU/citizen-info");
    assertThat(hub.get("/admin/api/routes/account-verify").header("Authorization", operator)
        .header("Accept-Language", "en").send().json().get("title").asString()).isEqualTo("Bank account verification");
  }

  @Test
  void aSuspendedRouteAnswers503UntilResumedAndBothActionsAreInTheTrail() {
    assertThat(hub.adminPost("/admin/api/routes/citizen-info/suspend", "{}").status()).isEqualTo(400);
    assertThat(hub.adminPost("/admin/api/routes/no-such-route/suspend", "{\"reason\":\"x\"}").status()).isEqualTo(404);
    Response suspended = hub.adminPost("/admin/api/routes/citizen-info/suspend",
        "{\"reason\":\"register migration INC-4711\"}");
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
    assertThat(suspended.json().get("state").asString()).isEqualTo("suspended");
    try {
      assertThat(jdbc.queryForObject("SELECT reason FROM route_maintenance WHERE route_id = 'citizen-info'", String.class))
          .as("kept in the database, so a restart keeps it").isEqualTo("register migration INC-4711");
      String messageId = UUID.randomUUID().toString();
      Response refused = lookUp(messageId);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.json().get("type").asString()).isEqualTo("Server.Hub.Maintenance");
      assertThat(hub.awaitRecord(messageId).get("errorType").asString()).isEqualTo("Server.Hub.Maintenance");
      assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/residence/001085000123").as(HANOI, hub.token(HANOI)).send().status())
          .as("other routes answer").isEqualTo(200);
      assertThat(route(hub.admin("/admin/api/routes").json(), "citizen-info").get("state").asString()).isEqualTo("suspended");
      assertThat(hub.admin("/actuator/health").json().get("components").get("routes").get("components")
          .get("citizen-info").get("status").asString()).isEqualTo("OUT_OF_SERVICE");
    } finally {
      Response resumed = hub.adminPost("/admin/api/routes/citizen-info/resume", "{\"reason\":\"migration done\"}");
      assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    }
    assertThat(lookUp(UUID.randomUUID().toString()).status()).isEqualTo(200);
    JsonNode trail = await().atMost(Duration.ofSeconds(10)).until(
        () -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items"),
        items -> items.findValuesAsString("reason").contains("migration done"));
    assertThat(trail.findValuesAsString("action")).contains("route.suspend", "route.resume");
    assertThat(trail.findValuesAsString("reason")).contains("register migration INC-4711");
  }

  @Test
  void aHubInMaintenanceRefusesEveryCallAndLeavesReadiness() {
    Response suspended = hub.adminPost("/admin/api/hub/suspend", "{\"reason\":\"database upgrade\"}");
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
    try {
      Response readiness = anonymous("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(503);
      assertThat(readiness.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
      assertThat(anonymous("/actuator/health/liveness").status()).as("alive, just drained").isEqualTo(200);
      Response refused = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/001085000123").as(HANOI, hub.token(HANOI)).send();
      assertThat(refused.json().get("type").asString()).isEqualTo("Server.Hub.Maintenance");
      assertThat(hub.admin("/admin/api/hub").json().get("state").asString()).isEqualTo("maintenance");
    } finally {
      assertThat(hub.adminPost("/admin/api/hub/resume", "{\"reason\":\"upgrade done\"}").status()).isEqualTo(200);
    }
    assertThat(anonymous("/actuator/health/readiness").status()).isEqualTo(200);
  }

  @Test
  void prometheusShowsExchangesConnectorsBreakersAndTheLogWithoutPersonalIds() {
    lookUp(UUID.randomUUID().toString());
    hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085999999").as(HANOI, hub.token(HANOI)).send();
    assertThat(anonymous("/actuator/prometheus").status()).as("operators only").isEqualTo(401);
    String metrics = await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/actuator/prometheus").body(),
        m -> m.contains("hub_exchange_log_write_lag_seconds_count"));

    Matcher ok = Pattern.compile("hub_exchanges_seconds_count\\{[^}]*client=\"VN/GOV/UBND-HN/MOTCUA\"[^}]*error=\"none\""
        + "[^}]*service=\"VN/GOV/BCA/DANCU/citizen-info\"[^}]*status=\"200\"[^}]*} (\\d+)").matcher(metrics);
    assertThat(ok.find()).as("exchange counter by service, client and outcome").isTrue();
    assertThat(Double.parseDouble(ok.group(1))).isGreaterThanOrEqualTo(1);
    assertThat(metrics).containsPattern("hub_exchanges_seconds_count\\{[^}]*error=\"Client.NotFound\"[^}]*status=\"404\"");
    assertThat(metrics).containsPattern("hub_exchanges_seconds_bucket\\{[^}]*service=\"VN/GOV/BCA/DANCU/citizen-info\"[^}]*le=");
    assertThat(metrics).containsPattern("hub_connector_calls_seconds_count\\{[^}]*connector=\"population-register\""
        + "[^}]*operation=\"GetCitizenInfo\"[^}]*outcome=\"ok\"");
    assertThat(metrics).containsPattern(
        "resilience4j_circuitbreaker_state\\{[^}]*name=\"population-register\"[^}]*state=\"closed\"[^}]*} 1");
    assertThat(metrics).contains("resilience4j_bulkhead_available_concurrent_calls{");
    assertThat(metrics).contains("hub_exchange_log_queue_depth", "hub_exchange_log_dead_letter_depth");
    assertThat(metrics).contains("jvm_memory_used_bytes", "hikaricp_connections_active", "executor_pool_size_threads");
    Matcher labels = Pattern.compile("\\{[^}]*}").matcher(metrics);
    while (labels.find()) {
      assertThat(labels.group()).as("a tag holds no personal ID").doesNotContainPattern("(?<![0-9])[0-9]{12}(?![0-9])");
    }
  }

  @Test
  void monitoringDataIsPagedByCursorAndAConsumerSeesOnlyItsOwn() {
    for (int i = 0; i < 3; i++) {
      String id = UUID.randomUUID().toString();
      lookUp(id);
      hub.awaitRecord(id);
    }
    String other = UUID.randomUUID().toString();
    hub.get(CITIZEN_INFO).as(HCMC, hub.token(HCMC)).header("X-Road-Id", other).send();
    hub.awaitRecord(other);

    JsonNode first = hub.admin("/admin/api/monitoring/records?recordsFrom=1&limit=2").json();
    assertThat(first.get("records")).hasSize(2);
    long next = first.get("nextRecordsFrom").asLong();
    assertThat(next).isEqualTo(first.get("records").get(1).get("recordSeq").asLong() + 1);
    JsonNode second = hub.admin("/admin/api/monitoring/records?limit=2&recordsFrom=" + next).json();
    assertThat(second.get("records").get(0).get("recordSeq").asLong()).isGreaterThanOrEqualTo(next);
    JsonNode record = first.get("records").get(0);
    assertThat(record.has("requestInTs")).isTrue();
    assertThat(record.toString()).doesNotContain("001085000123").doesNotContain("payload");

    JsonNode own = hub.get("/consumer/api/monitoring/records?limit=1000").bearer(hub.token(HANOI))
        .header("X-Road-Client", HANOI).send().json();
    assertThat(own.get("records").findValuesAsString("clientId")).isNotEmpty().containsOnly(HANOI);
    assertThat(own.get("records").findValuesAsString("messageId")).doesNotContain(other);

    JsonNode healthData = hub.admin("/admin/api/monitoring/health").json();
    assertThat(healthData.get("statisticsPeriodSeconds").asInt()).isEqualTo(600);
    JsonNode service = null;
    for (JsonNode s : healthData.get("services")) {
      if ("citizen-info".equals(s.get("routeId").asString())) {
        service = s;
      }
    }
    assertThat(service).isNotNull();
    assertThat(service.get("successfulRequestCount").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(service.get("lastSuccessfulRequestTimestamp").asLong()).isPositive();
    assertThat(service.get("requestMaxDuration").asDouble()).isGreaterThanOrEqualTo(service.get("requestMinDuration").asDouble());
  }

  @Test
  void theCallersTraceContinuesAndEveryLogLineOfTheExchangeCarriesItsIds(CapturedOutput output) {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    // no digit runs: log lines mask those (they could be personal IDs)
    String messageId = "trace-" + UUID.randomUUID().toString().replaceAll("[0-9]", "x");
    populationRegister.stop();
    Response r;
    try {
      r = hub.get(CITIZEN_INFO).as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId)
          .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").send();
    } finally {
      populationRegister.start();
      // the classes sharing this hub should not inherit these failures in the register's breaker
      resilience.breakers().circuitBreaker("population-register").reset();
    }
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("traceparent")).startsWith("00-" + traceId + "-");
    assertThat(hub.awaitRecord(messageId).get("traceparent").asString()).startsWith("00-" + traceId);
    // the hub logs the provider failure as a warning: that line names the exchange and the trace
    assertThat(output.getAll().lines().filter(l -> l.contains("population-register") || l.contains("failed"))
        .filter(l -> l.contains(messageId))).isNotEmpty().allMatch(l -> l.contains(traceId));

    Response fresh = lookUp(UUID.randomUUID().toString());
    assertThat(fresh.header("traceparent")).as("a new trace when the caller sends none")
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }
}
