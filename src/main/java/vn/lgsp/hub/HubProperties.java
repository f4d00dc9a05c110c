package vn.lgsp.hub;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the hub as a whole.
 *
 * @param dataDir where the embedded database, the broker journal and the hub's keys live; two
 *     hubs on one machine need two data directories
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(@DefaultValue("data") @NotNull Path dataDir) {}
