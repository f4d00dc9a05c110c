package vn.lgsp.hub.connectors;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param directory where the connector descriptors ({@code *.yaml}) and their WSDLs are
 */
@Validated
@ConfigurationProperties("hub.connectors")
public record ConnectorProperties(@DefaultValue("connectors") @NotNull Path directory) {}
