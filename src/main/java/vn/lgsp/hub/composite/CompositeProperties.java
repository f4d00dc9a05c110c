package vn.lgsp.hub.composite;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The composite {@code citizen-profile} service: which published services it gathers, one section
 * per source.
 *
 * @param sources section name to the service (and path below it) that fills the section
 * @param timeout how long the composite waits for the slowest source before marking it unavailable
 */
@Validated
@ConfigurationProperties("hub.composite.citizen-profile")
public record CompositeProperties(
    @NotEmpty Map<String, @Valid @NotNull Source> sources, @DefaultValue("5s") @NotNull Duration timeout) {

  public CompositeProperties {
    sources = new LinkedHashMap<>(sources);
  }

  /**
   * @param service the published service, e.g. {@code VN/GOV/BCA/DANCU/citizen-info}
   * @param path the path below the service; {@code {personalId}} is replaced
   */
  public record Source(@NotBlank String service, @DefaultValue("/{personalId}") String path) {}
}
