package vn.lgsp.hub.ops;

import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.audit.query.OperationalData;
import vn.lgsp.hub.engine.TrafficStatistics;

/**
 * Operational monitoring for operators, after X-Road's: per-exchange metadata read forward with a
 * {@code nextRecordsFrom} cursor, and a health summary per service over the last ten minutes.
 * (A consumer reads its own records at {@code /consumer/api/monitoring/records}.)
 */
@RestController
@RequestMapping("/admin/api/monitoring")
public class MonitoringController {

  static final int STATISTICS_PERIOD_SECONDS = 600;

  private final OperationalData data;
  private final TrafficStatistics traffic;

  public MonitoringController(OperationalData data, TrafficStatistics traffic) {
    this.data = data;
    this.traffic = traffic;
  }

  /** {@code ?recordsFrom=&limit=&client=}: exchanges from a chain position on, oldest first. */
  @GetMapping("/records")
  public OperationalData.Page records(@RequestParam Map<String, String> params) {
    return data.read(params, LogFilters.text(params, "client"), Set.of("recordsFrom", "limit", "client"));
  }

  /** Per service: last successful and failed call, counts and min/avg/max duration over ten minutes. */
  @GetMapping("/health")
  public Map<String, Object> health() {
    return Map.of("statisticsPeriodSeconds", STATISTICS_PERIOD_SECONDS, "services", traffic.health().stream()
        .map(h -> Map.of(
            "routeId", h.routeId(),
            "serviceId", h.serviceId(),
            "lastSuccessfulRequestTimestamp", h.lastSuccess() == null ? 0 : h.lastSuccess().toEpochMilli(),
            "lastUnsuccessfulRequestTimestamp", h.lastFailure() == null ? 0 : h.lastFailure().toEpochMilli(),
            // as X-Road counts: any answer that is a problem, the caller's or the hub's, is unsuccessful
            "successfulRequestCount", h.window().count() - h.window().failed() - h.window().rejected(),
            "unsuccessfulRequestCount", h.window().failed() + h.window().rejected(),
            "requestMinDuration", h.window().minMs(),
            "requestAverageDuration", h.window().avgMs(),
            "requestMaxDuration", h.window().maxMs()))
        .toList());
  }
}
