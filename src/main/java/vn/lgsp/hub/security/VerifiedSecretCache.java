package vn.lgsp.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a while, that a secret matched its stored bcrypt hash, so that a client's next
 * token request or an operator's next admin call does not pay bcrypt again. Only successes are
 * remembered, one per stored hash (so at most one per configured account): a wrong secret always
 * goes through bcrypt, and guessing costs exactly what it costs without this cache. What is kept is
 * an HMAC of the secret under a key made at start and never written anywhere, not the secret.
 */
final class VerifiedSecretCache implements PasswordEncoder {

  private record Verified(byte[] mac, Instant until) {}

  private final PasswordEncoder bcrypt;
  private final Duration ttl;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  VerifiedSecretCache(PasswordEncoder bcrypt, Duration ttl, Clock clock) {
    this.bcrypt = bcrypt;
    this.ttl = ttl;
    this.clock = clock;
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  @Override
  public String encode(CharSequence raw) {
    return bcrypt.encode(raw);
  }

  @Override
  public boolean matches(CharSequence raw, String encoded) {
    if (raw == null || encoded == null || ttl.isZero()) {
      return bcrypt.matches(raw, encoded);
    }
    byte[] mac = mac(encoded, raw);
    Instant now = clock.instant();
    Verified known = verified.get(encoded);
    if (known != null && now.isBefore(known.until()) && MessageDigest.isEqual(known.mac(), mac)) {
      return true;
    }
    boolean matches = bcrypt.matches(raw, encoded);
    if (matches) {
      verified.put(encoded, new Verified(mac, now.plus(ttl)));
    }
    return matches;
  }

  @Override
  public boolean upgradeEncoding(String encoded) {
    return bcrypt.upgradeEncoding(encoded);
  }

  private byte[] mac(String encoded, CharSequence raw) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(encoded.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      return hmac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
