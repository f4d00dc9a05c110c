package vn.lgsp.hub.transparency;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;
import vn.lgsp.hub.catalog.RouteConventions;
import vn.lgsp.hub.catalog.ServiceTexts;
import vn.lgsp.hub.protocol.Bilingual;

/**
 * Who reads the log about themselves: a consumer its own records, a citizen (through the national
 * portal) the accesses to their data. Both run through the engine, so they are authenticated,
 * checked and logged like every exchange.
 */
@Component
public class TransparencyRoutes extends RouteBuilder {

  /** The data tracker; only a client granted this service may use it. */
  public static final String DATA_TRACKER = "VN/GOV/LGSP/HUB/data-tracker";

  /** A consumer's own exchange records; every authenticated client may read its own. */
  public static final String OWN_EXCHANGES = "VN/GOV/LGSP/HUB/own-exchanges";

  @Bean
  static AcceptedQueryParameters findUsageQuery() {
    return new AcceptedQueryParameters("data-tracker-find-usage", DataTracker.PARAMETERS);
  }

  @Bean
  static AcceptedQueryParameters ownExchangesQuery() {
    return new AcceptedQueryParameters("consumer-own-exchanges", OwnExchanges.SEARCH_PARAMETERS);
  }

  @Bean
  static AcceptedQueryParameters ownMonitoringQuery() {
    return new AcceptedQueryParameters("consumer-monitoring-records", OwnExchanges.MONITORING_PARAMETERS);
  }

  @Bean
  static ServiceTexts dataTrackerTexts() {
    return new ServiceTexts("data-tracker-find-usage",
        new Bilingual("Tra cứu lịch sử sử dụng dữ liệu cá nhân", "Who used my data"),
        new Bilingual("Cho công dân biết ai đã tra cứu dữ liệu của mình, bằng dịch vụ nào, khi nào và cho hồ sơ nào"
            + " (qua Cổng Dịch vụ công quốc gia).",
            "Tells citizens who looked up their data, with which service, when and for which dossier (through the"
                + " national public service portal)."));
  }

  @Bean
  static ServiceTexts ownExchangesTexts() {
    return new ServiceTexts("consumer-own-exchanges",
        new Bilingual("Nhật ký giao dịch của hệ thống gọi", "The caller's own exchange records"),
        new Bilingual("Tìm kiếm các bản ghi giao dịch của chính hệ thống gọi, để đối chiếu với nhật ký của mình.",
            "Searches the calling system's own exchange records, to reconcile them with its own log."));
  }

  @Bean
  static ServiceTexts ownMonitoringTexts() {
    return new ServiceTexts("consumer-monitoring-records",
        new Bilingual("Số liệu giám sát giao dịch của hệ thống gọi", "The caller's own monitoring data"),
        new Bilingual("Số liệu vận hành (thời điểm, trạng thái, kích thước) các giao dịch của chính hệ thống gọi.",
            "Operational data (times, status, sizes) of the calling system's own exchanges."));
  }

  @Override
  public void configure() {
    from("platform-http:/datatracker/v1/findUsage?httpMethodRestrict=GET")
        .routeId("data-tracker-find-usage")
        .routeConfigurationId(RouteConventions.SERVICE_CONFIGURATION)
        .routeProperty(RouteConventions.SERVICE_PROPERTY, DATA_TRACKER)
        .bean(DataTracker.class, "findUsage");

    from("platform-http:/consumer/api/exchanges?httpMethodRestrict=GET")
        .routeId("consumer-own-exchanges")
        .routeConfigurationId(RouteConventions.METASERVICE_CONFIGURATION)
        .routeProperty(RouteConventions.SERVICE_PROPERTY, OWN_EXCHANGES)
        .bean(OwnExchanges.class, "search");

    from("platform-http:/consumer/api/monitoring/records?httpMethodRestrict=GET")
        .routeId("consumer-monitoring-records")
        .routeConfigurationId(RouteConventions.METASERVICE_CONFIGURATION)
        .routeProperty(RouteConventions.SERVICE_PROPERTY, OWN_EXCHANGES)
        .bean(OwnExchanges.class, "monitoring");
  }
}
