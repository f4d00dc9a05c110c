package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Remembering a verified secret must not make a single guess cheaper. */
class VerifiedSecretCacheTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T08:00:00Z"));
  private final AtomicInteger bcryptChecks = new AtomicInteger();

  /** Real bcrypt (cost 4 to keep the test fast), counting its checks. */
  private final PasswordEncoder bcrypt = new PasswordEncoder() {
    private final BCryptPasswordEncoder real = new BCryptPasswordEncoder(4);

    @Override
    public String encode(CharSequence raw) {
      return real.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      bcryptChecks.incrementAndGet();
      return real.matches(raw, encoded);
    }
  };

  private final VerifiedSecretCache cache = new VerifiedSecretCache(bcrypt, Duration.ofMinutes(10), clock);
  private final String stored = cache.encode("correct horse");

  @Test
  void aVerifiedSecretIsCheckedByBcryptOnceWithinItsTime() {
    assertThat(cache.matches("correct horse", stored)).isTrue();
    assertThat(cache.matches("correct horse", stored)).isTrue();
    assertThat(bcryptChecks).hasValue(1);
    clock.advance(Duration.ofMinutes(11));
    assertThat(cache.matches("correct horse", stored)).isTrue();
    assertThat(bcryptChecks).as("checked again once remembered time is over").hasValue(2);
  }

  @Test
  void everyWrongGuessPaysTheFullBcryptCheckEvenAfterTheRightSecretWasRemembered() {
    assertThat(cache.matches("correct horse", stored)).isTrue();
    for (String guess : new String[] {"correct horse ", "Correct horse", "correct hors", "", "wrong"}) {
      assertThat(cache.matches(guess, stored)).as(guess).isFalse();
    }
    assertThat(bcryptChecks).hasValue(1 + 5);
    assertThat(cache.matches("wrong", stored)).isFalse();
    assertThat(bcryptChecks).as("a failure is never remembered").hasValue(7);
  }

  @Test
  void theSameSecretAgainstAnotherStoredHashIsCheckedAnew() {
    String other = cache.encode("another secret");
    assertThat(cache.matches("correct horse", stored)).isTrue();
    assertThat(cache.matches("correct horse", other)).isFalse();
    assertThat(bcryptChecks).hasValue(2);
  }

  @Test
  void aZeroTimeRemembersNothing() {
    VerifiedSecretCache off = new VerifiedSecretCache(bcrypt, Duration.ZERO, clock);
    assertThat(off.matches("correct horse", stored)).isTrue();
    assertThat(off.matches("correct horse", stored)).isTrue();
    assertThat(bcryptChecks).hasValue(2);
  }
}
