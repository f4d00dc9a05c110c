package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import vn.lgsp.hub.protocol.HubProblemException;

/** A verified token is remembered until it expires, never longer; a refused one is never remembered. */
class TokenAuthenticatorTest {

  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void aVerifiedTokenIsCheckedOnceUntilItExpires() {
    AtomicInteger verifications = new AtomicInteger();
    MovableClock clock = new MovableClock(NOW);
    JwtDecoder decoder = token -> {
      verifications.incrementAndGet();
      if (clock.now.isAfter(NOW.plusSeconds(300))) {
        throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
      }
      return Jwt.withTokenValue(token).header("alg", "RS256").subject("VN/GOV/UBND-HN/MOTCUA")
          .issuedAt(NOW).expiresAt(NOW.plusSeconds(300)).build();
    };
    TokenAuthenticator authenticator = new TokenAuthenticator(decoder, clock, new TokenRevocations(null, clock));

    assertThat(authenticator.authenticate("Bearer t1", null).toString()).isEqualTo("VN/GOV/UBND-HN/MOTCUA");
    authenticator.authenticate("Bearer t1", null);
    assertThat(verifications).hasValue(1);

    clock.now = NOW.plus(Duration.ofSeconds(301));
    assertThatThrownBy(() -> authenticator.authenticate("Bearer t1", null)).isInstanceOf(HubProblemException.class);
    assertThat(verifications).as("an expired token is checked again, and refused").hasValue(2);
    assertThatThrownBy(() -> authenticator.authenticate("Bearer t1", null)).isInstanceOf(HubProblemException.class);
    assertThat(verifications).hasValue(3);
  }
}
