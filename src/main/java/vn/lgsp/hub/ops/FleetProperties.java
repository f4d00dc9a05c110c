package vn.lgsp.hub.ops;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Several hubs on one database ({@code hub.fleet.*}).
 *
 * @param heartbeatEvery how often a hub says it is alive ({@code hub_heartbeat})
 * @param lostAfter a hub not heard from for this long no longer counts: the others take its share of the limits
 */
@Validated
@ConfigurationProperties("hub.fleet")
public record FleetProperties(
    @DefaultValue("2s") @NotNull Duration heartbeatEvery, @DefaultValue("10s") @NotNull Duration lostAfter) {

  public FleetProperties {
    if (heartbeatEvery != null && lostAfter != null
        && (heartbeatEvery.toMillis() < 100 || lostAfter.compareTo(heartbeatEvery.multipliedBy(2)) < 0)) {
      throw new IllegalArgumentException(
          "hub.fleet.heartbeat-every must be at least 100ms and hub.fleet.lost-after at least twice as long");
    }
  }
}
