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
 * @param maxHeaderBytes the largest size of all request headers together (larger: 431)
 * @param maxHeaderValueBytes the largest single header value (larger: 431)
 * @param maxJsonDepth the deepest nesting of a JSON body (deeper: 400)
 */
@Validated
@ConfigurationProperties("hub.engine")
public record EngineProperties(
    @DefaultValue("262144") @Min(1024) @Max(104_857_600) int maxBodyBytes,
    @DefaultValue("16384") @Min(1024) @Max(65_536) int maxHeaderBytes,
    @DefaultValue("8192") @Min(256) @Max(65_536) int maxHeaderValueBytes,
    @DefaultValue("32") @Min(2) @Max(1000) int maxJsonDepth) {}
