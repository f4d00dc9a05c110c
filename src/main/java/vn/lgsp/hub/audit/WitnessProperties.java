package vn.lgsp.hub.audit;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seal witness: a copy of every seal outside the database, so that deleting the newest records
 * together with their seals (and moving the head back) is found by verification. Its own record
 * beside {@link AuditProperties} (same {@code hub.audit} prefix) so that the latter's constructor stays as it is.
 *
 * @param directory where the append-only seal files are written, one per hub node; default {@code
 *     <data-dir>/exchange-log-witness}. Put it on another volume than the database (and, ideally,
 *     one that the database's administrators cannot write): a witness they can rewrite proves little
 * @param tsaUrl an RFC 3161 time-stamping authority that time-stamps each witnessed seal; unset: none
 * @param tsaTimeout how long the witness waits for the time-stamping authority
 */
@Validated
@ConfigurationProperties("hub.audit.witness")
public record WitnessProperties(Path directory, URI tsaUrl, @DefaultValue("5s") @NotNull Duration tsaTimeout) {}
