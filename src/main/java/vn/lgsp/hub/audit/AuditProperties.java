package vn.lgsp.hub.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param seal how the hash chain is sealed
 * @param payloadCapture which services have their payloads stored, encrypted
 * @param retention how long records stay in the database before they are archived
 */
@Validated
@ConfigurationProperties("hub.audit")
public record AuditProperties(
    @NotBlank @Size(min = 16, message = "must be at least 16 characters") String subjectHashKey,
    @DefaultValue("hub.exchange-log") @NotBlank String queue,
    @DefaultValue("hub.exchange-log.dlq") @NotBlank String deadLetterQueue,
    @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("200") @Min(1) @Max(10_000) int maxQueryPageSize,
    @Valid @NotNull @DefaultValue Seal seal,
    @Valid @NotNull @DefaultValue PayloadCapture payloadCapture,
    @Valid @NotNull @DefaultValue Retention retention) {

  /**
   * The longest run of records the writer can leave without a seal: it seals in the transaction of
   * the batch that reaches {@code everyRecords}. A longer run in the log means seals were removed.
   */
  public long maxUnsealedRun() {
    return (long) seal.everyRecords() + batchSize;
  }

  /**
   * Seals: signatures of the chain head by the hub's key, so that a third party can verify the log.
   *
   * @param keystore PKCS#12 keystore holding the seal key; default {@code <data-dir>/keys/exchange-log-seal.p12}
   * @param keystorePassword its password (from the environment in production)
   * @param keyAlias the key's alias in the keystore
   * @param createIfMissing create an EC P-256 key with a self-signed certificate on first start
   * @param everyRecords seal after at most this many new records
   * @param every seal new records at least this often
   * @param trustedCertificates PEM certificates of earlier seal keys (after a key rotation) that
   *     verification still accepts
   */
  public record Seal(
      Path keystore,
      @NotBlank(message = "must be set (HUB_AUDIT_SEAL_KEYSTOREPASSWORD)") String keystorePassword,
      @DefaultValue("exchange-log-seal") @NotBlank String keyAlias,
      @DefaultValue("true") boolean createIfMissing,
      @DefaultValue("1000") @Min(1) int everyRecords,
      @DefaultValue("10s") @NotNull Duration every,
      @DefaultValue List<Path> trustedCertificates) {}

  /**
   * @param services service ids whose request and response bodies are stored, encrypted; empty by default
   * @param key AES key (Base64 of 16, 24 or 32 bytes); required when a service is listed
   */
  public record PayloadCapture(@DefaultValue List<@NotBlank String> services, String key) {}

  /**
   * @param maxAge records older than this are archived to signed files and purged; unset keeps all
   * @param directory the archive; default {@code <data-dir>/exchange-log-archive}
   * @param checkEvery how often the hub looks for records to archive
   */
  public record Retention(Duration maxAge, Path directory, @DefaultValue("1h") @NotNull Duration checkEvery) {}
}
