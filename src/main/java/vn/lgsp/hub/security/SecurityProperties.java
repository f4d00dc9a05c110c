package vn.lgsp.hub.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param bcryptCost the bcrypt cost (log2 rounds, at least 10) with which plain-text secrets are
 *     hashed at start; configured {@code {bcrypt}} hashes must have at least cost 10 outside the sandbox
 * @param verifiedSecretTtl how long a secret that verified is remembered (keyed, in memory) so that
 *     a client's next token request or an operator's next admin call skips bcrypt; a wrong secret is
 *     never remembered and always pays the full bcrypt cost; 0 turns remembering off
 * @param throttle limits on failed sign-ins and client authentications
 * @param tokenSigningKeyFile a JWK set (private RSA keys with key ids; the first signs, all verify)
 *     that several hubs share, e.g. a mounted secret, so that a token one issues is accepted by all;
 *     unset, each hub keeps its own key in its data directory
 */
@Validated
@ConfigurationProperties("hub.security")
public record SecurityProperties(
    @NotBlank String issuer,
    @DefaultValue("true") boolean authorizationServer,
    String jwkSetUri,
    @DefaultValue("lgsp-hub") @NotBlank String audience,
    @DefaultValue("5m") @NotNull Duration tokenTimeToLive,
    List<@Valid Credential> clients,
    List<@Valid Credential> operators,
    @DefaultValue("10") @Min(SecretHashes.MIN_BCRYPT_COST) @Max(16) int bcryptCost,
    @DefaultValue("10m") @NotNull Duration verifiedSecretTtl,
    @DefaultValue @Valid @NotNull Throttle throttle,
    Path tokenSigningKeyFile) {

  public SecurityProperties {
    clients = clients == null ? List.of() : clients;
    operators = operators == null ? List.of() : operators;
  }

  /**
   * A name and its secret.
   *
   * @param id the client id or operator name
   * @param secret the secret in plain text (hashed at start) or as a {@code {bcrypt}$2a$...} hash
   * @param scopes the scopes a client may ask its tokens to carry, e.g. {@code write:rights} for a
   *     provider's administrator, who then decides access requests for its own member's services
   * @param signatureKeys the public keys with which a client signs its requests (RFC 9421), if it does
   */
  public record Credential(@NotBlank String id, @NotBlank String secret, List<@Pattern(regexp = "[a-z:-]{1,40}") String> scopes,
      List<@Valid SignatureKey> signatureKeys) {
    @ConstructorBinding
    public Credential {
      scopes = scopes == null ? List.of() : List.copyOf(scopes);
      signatureKeys = signatureKeys == null ? List.of() : List.copyOf(signatureKeys);
    }

    public Credential(String id, String secret, List<String> scopes) {
      this(id, secret, scopes, null);
    }

    public Credential(String id, String secret) {
      this(id, secret, null, null);
    }

    @Override
    public String toString() {
      return "Credential[" + id + "]";
    }
  }

  /**
   * A key with which a client signs its requests (HTTP Message Signatures, RFC 9421).
   *
   * @param id the key's id, as the client's signatures name it ({@code keyid})
   * @param publicKey the public key, PEM ({@code -----BEGIN PUBLIC KEY-----}): Ed25519 or EC P-256
   */
  public record SignatureKey(@NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String id, @NotBlank String publicKey) {}

  /**
   * Failed authentications (console and admin sign-in, client authentication at {@code /oauth2/token})
   * allowed within a sliding window before further attempts get {@code 429} with {@code Retry-After}.
   *
   * @param failuresPerAccount failures allowed per client id or operator name, from any address
   * @param failuresPerAddress failures allowed per source address, for any accounts
   * @param window the sliding window the failures are counted in
   * @param maxTracked accounts and addresses tracked at most (bounds memory under a spray of names)
   */
  public record Throttle(
      @DefaultValue("5") @Min(1) @Max(1000) int failuresPerAccount,
      @DefaultValue("20") @Min(1) @Max(10000) int failuresPerAddress,
      @DefaultValue("1m") @NotNull Duration window,
      @DefaultValue("50000") @Min(100) int maxTracked) {

    public Throttle {
      if (window != null && (window.isNegative() || window.isZero())) {
        throw new IllegalArgumentException("hub.security.throttle.window must be positive");
      }
    }
  }
}
