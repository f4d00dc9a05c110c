package vn.lgsp.hub.catalog;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The sunset day of each route of a deprecated service version, which its answers announce ({@code Sunset},
 * RFC 8594) and the directory shows: by route, since one version may be deprecated while the next is not.
 * Set by the publication of services, read by the engine and the directory.
 */
@Component
public class ServiceSunsets {

  private volatile Map<String, LocalDate> sunsets = Map.of();

  public Optional<LocalDate> of(String routeId) {
    return Optional.ofNullable(sunsets.get(routeId));
  }

  public void replace(Map<String, LocalDate> sunsets) {
    this.sunsets = Map.copyOf(sunsets);
  }
}
