package vn.lgsp.hub.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The exchange log.
 *
 * @param subjectHashKey HMAC key for personal IDs in records and paths; at least 16 characters.
 *     Changing it makes old records unsearchable by personal ID, so keep it with the database.
 * @param queue the durable broker queue records travel through
 * @param deadLetterQueue where records go that cannot be stored
 * @param batchSize how many records the writer stores per database transaction
 * @param maxQueryPageSize the largest page the admin API returns
 */
@Validated
@ConfigurationProperties("hub.audit")
public record AuditProperties(
    @NotBlank @Size(min = 16, message = "must be at least 16 characters") String subjectHashKey,
    @DefaultValue("hub.exchange-log") @NotBlank String queue,
    @DefaultValue("hub.exchange-log.dlq") @NotBlank String deadLetterQueue,
    @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("200") @Min(1) @Max(10_000) int maxQueryPageSize) {}
