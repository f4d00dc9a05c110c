package vn.lgsp.hub.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The threads that run exchanges ({@link ExchangeLanes}). Each lane has a fixed number of threads
 * and a bounded queue; a request that finds its lane's queue full is refused at once with
 * {@code 503 Server.Hub.Overloaded} and {@code Retry-After}, and logged.
 *
 * @param frontThreads threads for callers' requests (and the SOAP front's calls): how many
 *     exchanges, composites included, run at once
 * @param frontQueue callers' requests that may wait for a front thread; beyond: 503
 * @param fanOutThreads threads for the source calls of composite services
 * @param fanOutQueue source calls that may wait for a fan-out thread; beyond: the section is
 *     {@code hub-overloaded}
 * @param retryAfter what a refused caller is told to wait before trying again (whole seconds)
 */
@Validated
@ConfigurationProperties("hub.engine.lanes")
public record LaneProperties(
    @DefaultValue("32") @Min(1) @Max(1024) int frontThreads,
    @DefaultValue("256") @Min(0) @Max(100_000) int frontQueue,
    @DefaultValue("32") @Min(1) @Max(1024) int fanOutThreads,
    @DefaultValue("256") @Min(0) @Max(100_000) int fanOutQueue,
    @DefaultValue("1s") @NotNull Duration retryAfter) {}
