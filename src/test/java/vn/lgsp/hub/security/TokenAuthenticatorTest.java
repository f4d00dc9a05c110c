package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  @Test
  void aRevokedTokenIsRefusedEvenWhenRemembered() {
    AtomicInteger verifications = new AtomicInteger();
    MovableClock clock = new MovableClock(NOW);
    JwtDecoder decoder = token -> {
      verifications.incrementAndGet();
      return Jwt.withTokenValue(token).header("alg", "RS256").subject("VN/GOV/UBND-HN/MOTCUA")
          .issuedAt(NOW).expiresAt(NOW.plusSeconds(300)).build();
    };
    Set<String> revoked = ConcurrentHashMap.newKeySet();
    TokenRevocations revocations = new TokenRevocations(null, clock) {
      @Override
      public boolean isRevoked(String token) {
        return revoked.contains(token);
      }
    };
    TokenAuthenticator authenticator = new TokenAuthenticator(decoder, clock, revocations);
    authenticator.authenticate("Bearer t1", null);
    authenticator.authenticate("Bearer t1", null);
    assertThat(verifications).hasValue(1);

    revoked.add("t1");
    assertThatThrownBy(() -> authenticator.authenticate("Bearer t1", null))
        .isInstanceOf(HubProblemException.class).hasMessageContaining("revoked");
    assertThat(verifications).as("revocation is checked before the cache").hasValue(1);
  }

  @Test
  void aRefusedTokenIsNeverRemembered() {
    AtomicInteger verifications = new AtomicInteger();
    MovableClock clock = new MovableClock(NOW);
    JwtDecoder decoder = token -> {
      verifications.incrementAndGet();
      throw new JwtValidationException("bad", List.of(new OAuth2Error("invalid_token")));
    };
    TokenAuthenticator authenticator = new TokenAuthenticator(decoder, clock, new TokenRevocations(null, clock));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> authenticator.authenticate("Bearer bad", null)).isInstanceOf(HubProblemException.class);
    }
    assertThat(verifications).hasValue(3);
  }
}
