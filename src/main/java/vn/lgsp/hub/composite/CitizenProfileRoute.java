package vn.lgsp.hub.composite;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;
import vn.lgsp.hub.catalog.ServiceTexts;
import vn.lgsp.hub.protocol.Bilingual;

/**
 * What routes/citizen-profile.yaml declares beside itself: its one query parameter
 * ({@code ?include=population,tax,...}) and, since it calls no connector operation, its title and
 * description.
 */
@Configuration(proxyBeanMethods = false)
class CitizenProfileRoute {

  private static final String ROUTE = "citizen-profile";

  @Bean
  static AcceptedQueryParameters citizenProfileQueryParameters() {
    return new AcceptedQueryParameters(ROUTE, Set.of(CitizenProfileAssembler.INCLUDE));
  }

  @Bean
  static ServiceTexts citizenProfileTexts() {
    return new ServiceTexts(ROUTE,
        new Bilingual("Hồ sơ công dân tổng hợp", "Consolidated citizen profile"),
        new Bilingual(
            "Thông tin của một người từ nhiều cơ sở dữ liệu (dân cư, thuế, bảo hiểm) trong một lần gọi; mỗi nguồn"
                + " có trạng thái riêng và tuân theo quyền truy cập của bên gọi.",
            "A person's data from several registers (population, tax, insurance) in one call, each source with its"
                + " own status and under the caller's own access rights."));
  }
}
