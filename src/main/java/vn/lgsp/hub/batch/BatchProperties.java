package vn.lgsp.hub.batch;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Batch lookups ({@code /batch/v1/jobs}): how much a job may hold and how fast its items run.
 *
 * @param maxInputs the most input lines one job takes (more: 400)
 * @param maxLineChars the longest input line (longer: 400)
 * @param chunkSize how many items one broker message carries; a hub that stops finishes the item in
 *     hand and leaves the rest of its chunk to be taken up again, without redoing finished items
 * @param workers how many chunks this hub works on at once (each item is one loopback exchange)
 * @param shareOfQuota the part of a client's per-second limit its batch items may use, so that its
 *     interactive calls keep the rest
 * @param ratePerSecond the rate of a client's batch items when its rights set no per-second limit
 * @param itemTimeout how long one item's exchange may take before it counts as failed (504)
 * @param retention how long a finished job's results are kept for download; the exchange records of its
 *     items are evidence and follow the exchange log's own retention
 * @param queue the broker queue of the chunks
 */
@Validated
@ConfigurationProperties("hub.batch")
public record BatchProperties(
    @DefaultValue("100000") @Min(1) @Max(1_000_000) int maxInputs,
    @DefaultValue("4096") @Min(64) @Max(65_536) int maxLineChars,
    @DefaultValue("50") @Min(1) @Max(10_000) int chunkSize,
    @DefaultValue("2") @Min(1) @Max(64) int workers,
    @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1.0") double shareOfQuota,
    @DefaultValue("50") @Min(1) @Max(100_000) int ratePerSecond,
    @DefaultValue("30s") @NotNull Duration itemTimeout,
    @DefaultValue("7d") @NotNull Duration retention,
    @DefaultValue("hub.batch.chunks") @NotBlank String queue) {}
