package vn.lgsp.hub.composite;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;

/** The composite's one query parameter, {@code ?include=population,tax,...} (routes/citizen-profile.yaml). */
@Configuration(proxyBeanMethods = false)
class CitizenProfileQuery {

  @Bean
  static AcceptedQueryParameters citizenProfileQueryParameters() {
    return new AcceptedQueryParameters("citizen-profile", Set.of(CitizenProfileAssembler.INCLUDE));
  }
}
