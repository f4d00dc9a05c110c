package vn.lgsp.hub.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether the hub signs its answers ({@link AnswerSigning}).
 *
 * @param answers sign every answer of the exchange fronts (default true); false only to measure what signing
 *     costs (the benchmark), since a consumer then has nothing to prove what the hub answered
 */
@ConfigurationProperties("hub.signing")
public record SigningProperties(@DefaultValue("true") boolean answers) {}
