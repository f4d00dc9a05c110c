package vn.lgsp.hub.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the hub and how tokens are checked.
 *
 * @param issuer the token issuer ({@code iss}) the hub issues and accepts
 * @param authorizationServer whether the hub issues tokens itself at {@code /oauth2/token}
 *     (embedded default); when false, tokens of an external issuer are validated with {@code
 *     jwkSetUri}
 * @param jwkSetUri the external issuer's key set, when the hub does not issue tokens
 * @param audience the audience ({@code aud}) a token must name to be accepted; the built-in
 *     server issues tokens for it
 * @param tokenTimeToLive lifetime of issued access tokens
 * @param clients OAuth2 clients (client id = subsystem id) the built-in server knows; secrets
 *     belong in the environment or a secret store, the sandbox profile lists its own
 * @param operators users of the admin API
 */
@Validated
@ConfigurationProperties("hub.security")
public record SecurityProperties(
    @NotBlank String issuer,
    @DefaultValue("true") boolean authorizationServer,
    String jwkSetUri,
    @DefaultValue("lgsp-hub") @NotBlank String audience,
    @DefaultValue("5m") @NotNull Duration tokenTimeToLive,
    @Valid List<Credential> clients,
    @Valid List<Credential> operators) {

  public SecurityProperties {
    clients = clients == null ? List.of() : clients;
    operators = operators == null ? List.of() : operators;
  }

  /** A name and its secret. */
  public record Credential(@NotBlank String id, @NotBlank String secret) {
    @Override
    public String toString() {
      return "Credential[" + id + "]";
    }
  }
}
