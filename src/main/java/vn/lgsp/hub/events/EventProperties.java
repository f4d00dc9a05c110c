package vn.lgsp.hub.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Register events (publish/subscribe): where the event types' schemas come from, and how pushes are
 * delivered and retried.
 *
 * @param typesDirectory event types to create at start when missing: {@code <room with dashes>/<type>.schema.json},
 *     e.g. {@code VN-GOV-BCA-DANCU/citizen.residence-changed.schema.json}; null for none (types are then created
 *     through the API)
 * @param workers how many pushes this hub has in flight at once (sent asynchronously: no thread waits for a
 *     subscriber); a subscriber never has more than one, so a slow or dead one holds at most one of them
 * @param pushTimeout how long one push may take (connect and answer) before it counts as failed
 * @param maxAttempts the default attempts of a push before its delivery is dead (a subscription may set its own)
 * @param firstRetry the default pause after a failed push, doubled after each failure (with jitter)
 * @param maxRetry the longest pause between two attempts
 * @param plainHttpEndpoints whether push endpoints may be {@code http://} (the sandbox's local receivers); HTTPS only
 *     otherwise
 * @param maxEventBytes the largest event a publisher may send
 * @param queue the broker queue of the pushes
 * @param retention how long events and their finished deliveries are kept (for status, replay and pull); an event
 *     with a delivery still pending is kept until it ends. The exchange records stay with the exchange log
 */
@Validated
@ConfigurationProperties("hub.events")
public record EventProperties(
    Path typesDirectory,
    @DefaultValue("32") @Min(1) @Max(1024) int workers,
    @DefaultValue("5s") @NotNull Duration pushTimeout,
    @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
    @DefaultValue("2s") @NotNull Duration firstRetry,
    @DefaultValue("10m") @NotNull Duration maxRetry,
    @DefaultValue("false") boolean plainHttpEndpoints,
    @DefaultValue("65536") @Min(256) @Max(1_048_576) int maxEventBytes,
    @DefaultValue("hub.events.pushes") @NotBlank String queue,
    @DefaultValue("30d") @NotNull Duration retention) {}
