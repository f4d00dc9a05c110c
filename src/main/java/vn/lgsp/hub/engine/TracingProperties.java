package vn.lgsp.hub.engine;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Traces of the exchanges, exported over OTLP/HTTP to an OpenTelemetry collector.
 *
 * @param otlpEndpoint the collector's traces URL, e.g. {@code http://otel-collector:4318/v1/traces};
 *     unset (the default): no traces are exported and no span is made
 * @param serviceName the {@code service.name} of the hub's spans
 * @param exportTimeout how long one export may take before it is dropped (the request path never waits on it)
 */
@Validated
@ConfigurationProperties("hub.tracing")
public record TracingProperties(
    @Pattern(regexp = "(https?://.+)?", message = "must be an http(s) URL") String otlpEndpoint,
    @DefaultValue("lgsp-hub") @NotBlank String serviceName,
    @DefaultValue("10s") Duration exportTimeout) {

  public boolean exporting() {
    return otlpEndpoint != null && !otlpEndpoint.isBlank();
  }
}
