package vn.lgsp.hub.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP message signatures (RFC 9421): the hub's on its answers ({@link AnswerSigner}), its consumers' on their
 * requests ({@link RequestSignatures}).
 *
 * @param answers sign every answer of the exchange fronts (default true); false only to measure what signing
 *     costs (the benchmark), since a consumer then has nothing to prove what the hub answered
 * @param requestMaxAge how old a request's signature ({@code created}) may be when it arrives (default 5 minutes):
 *     an older one could be a replay
 * @param requestClockSkew how far in the future a request's {@code created} may lie, for clocks that differ (default
 *     1 minute)
 */
@Validated
@ConfigurationProperties("hub.signing")
public record SigningProperties(@DefaultValue("true") boolean answers, @DefaultValue("5m") Duration requestMaxAge,
    @DefaultValue("1m") Duration requestClockSkew) {}
