package vn.lgsp.hub.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long and how many at once the edge reads request bodies ({@link BodyReads}). A caller who
 * sends its body slowly holds a request thread while it is read: these bound what one source
 * address can hold, and what all addresses together can hold (well below Tomcat's request threads),
 * so slow callers, from one address or many, cannot starve the others or the health probes.
 *
 * @param perAddress bodies one source address may have in reading at once; more: 429 at once
 * @param total bodies all addresses together may have in reading at once; more: 429 at once
 * @param deadline the longest a body may take to arrive whole; longer: 408 and the connection is closed
 * @param idle the longest silence while a body arrives (Tomcat's upload timeout); longer: 408
 */
@Validated
@ConfigurationProperties("hub.engine.body-reads")
public record BodyReadProperties(
    @DefaultValue("8") @Min(1) @Max(10_000) int perAddress,
    @DefaultValue("64") @Min(1) @Max(10_000) int total,
    @DefaultValue("10s") @NotNull Duration deadline,
    @DefaultValue("2s") @NotNull Duration idle) {}
