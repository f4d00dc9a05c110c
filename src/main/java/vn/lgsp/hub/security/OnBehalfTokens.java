package vn.lgsp.hub.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Tokens the hub's own token server issues to a client for work the hub does on its behalf later,
 * when the client's own token has long expired: a batch job's items. The client authenticated when
 * it handed the work over; each item is then an ordinary exchange under a short-lived token for that
 * client alone, so the gate checks its rights, purpose and limits at the moment the item runs. A hub
 * that takes tokens from an external issuer cannot mint them: {@link #available()} is false there.
 */
@Component
public class OnBehalfTokens {

  /** The claim naming the work a token was minted for, e.g. a batch job's id. */
  public static final String ON_BEHALF_OF_WORK = "lgsp_work";

  private final ObjectProvider<JwtEncoder> encoder;
  private final SecurityProperties props;
  private final Clock clock;

  public OnBehalfTokens(ObjectProvider<JwtEncoder> encoder, SecurityProperties props, Clock clock) {
    this.encoder = encoder;
    this.props = props;
    this.clock = clock;
  }

  /** Whether this hub issues tokens itself (its built-in token server). */
  public boolean available() {
    return props.authorizationServer() && encoder.getIfAvailable() != null;
  }

  /** A token for {@code client}, naming the work it is for; valid as long as the hub's issued tokens. */
  public Optional<Minted> mint(SubsystemId client, String work) {
    JwtEncoder jwt = encoder.getIfAvailable();
    if (!props.authorizationServer() || jwt == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plus(props.tokenTimeToLive());
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(props.issuer())
        .subject(client.toString())
        .audience(List.of(props.audience()))
        .issuedAt(now)
        .notBefore(now)
        .expiresAt(expiresAt)
        .id(UUID.randomUUID().toString())
        .claim(ON_BEHALF_OF_WORK, work)
        .build();
    String token = jwt.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
    return Optional.of(new Minted("Bearer " + token, expiresAt));
  }

  /** A minted token as an {@code Authorization} value, and when it expires. */
  public record Minted(String authorization, Instant expiresAt) {}
}
