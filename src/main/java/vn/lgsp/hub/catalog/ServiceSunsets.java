package vn.lgsp.hub.catalog;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ServiceId;

/**
 * The sunset day of each deprecated service, which its answers announce ({@code Sunset}, RFC 8594, and
 * {@code Deprecation}, RFC 9745) and the directory shows: set by the publication of services, read by
 * the engine and the directory.
 */
@Component
public class ServiceSunsets {

  private volatile Map<ServiceId, LocalDate> sunsets = Map.of();

  public Optional<LocalDate> of(ServiceId service) {
    return Optional.ofNullable(sunsets.get(service));
  }

  public void replace(Map<ServiceId, LocalDate> sunsets) {
    this.sunsets = Map.copyOf(sunsets);
  }
}
