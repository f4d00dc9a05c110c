package vn.lgsp.hub.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits the engine applies to every exchange.
 *
 * @param maxBodyBytes the largest request body accepted (larger: 413)
 */
@Validated
@ConfigurationProperties("hub.engine")
public record EngineProperties(
    @DefaultValue("262144") @Min(1024) @Max(104_857_600) int maxBodyBytes) {}
